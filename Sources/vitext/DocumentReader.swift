import Foundation
import VietText

/// A whole document: an id and its text as UTF-8 (legacy encodings already converted).
struct Document {
  var id: String
  var text: [UInt8]
}

/// Reads whole documents for the commands that work per document (`entities`, `citations`):
/// each text file is one document (its id the file name without extension); a `.jsonl` or
/// `.jsonl.gz` file, or any input with `--jsonl`, holds one `{"id", "text"}` object a line, read
/// a line at a time. Directories are searched for `.txt`, `.jsonl` and `.jsonl.gz` files, in name
/// order.
struct DocumentReader {
  let input: InputOptions
  let jsonl: Bool

  func forEachDocument(_ body: (Document) throws -> Void) throws {
    for source in try expandedSources() {
      let isJSONL: Bool
      if case .file(let path) = source { isJSONL = jsonl || JSONLines.isJSONL(path) } else { isJSONL = jsonl }
      if isJSONL, case .file(let path) = source, input.from == .unicode {
        // A line at a time, so a corpus larger than memory streams through.
        try JSONLines.forEachLine(of: path) { line, number in
          try body(document(line, number, source: path, checking: true))
        }
        continue
      }
      var bytes: [UInt8] = []
      try input.reader(for: source).forEachChunk { bytes += $0.text }
      if isJSONL {
        // Standard input, or text converted from a legacy encoding: already checked as a whole.
        try JSONLines.forEachLine(in: bytes) { line, number in
          try body(document(line, number, source: source.name, checking: false))
        }
      } else {
        try body(Document(id: Self.documentID(source), text: bytes))
      }
    }
  }

  /// The document on one JSON line: its "text", and its "id" (or `source:line`).
  private func document(_ line: ArraySlice<UInt8>, _ number: Int, source: String, checking: Bool) throws -> Document {
    guard let record = JSONRecord(line, keys: ["id", "text"]), let text = record["text"] else {
      throw DocumentError.badJSONLine(source: source, line: number)
    }
    let id = record["id"].map { String(decoding: $0, as: UTF8.self) } ?? "\(source):\(number)"
    return Document(id: id, text: checking ? try JSONLines.text(text, source: "\(source):\(number)", lossy: input.lossy) : text)
  }

  private func expandedSources() throws -> [InputSource] {
    var sources: [InputSource] = []
    for source in input.sources {
      guard case .file(let path) = source else {
        sources.append(source)
        continue
      }
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        guard let walker = FileManager.default.enumerator(atPath: path) else {
          throw CLIError.unreadable(path: path, reason: "cannot list directory")
        }
        let found = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".txt") || JSONLines.isJSONL($0) }.sorted()
        sources += found.map { .file((path as NSString).appendingPathComponent($0)) }
      } else {
        sources.append(source)
      }
    }
    return sources
  }

  static func documentID(_ source: InputSource) -> String {
    guard case .file(let path) = source else { return "stdin" }
    let name = (path as NSString).lastPathComponent
    return name.hasSuffix(".txt") ? String(name.dropLast(4)) : name
  }
}

enum DocumentError: Error, CustomStringConvertible {
  case badJSONLine(source: String, line: Int)

  var description: String {
    switch self {
    case .badJSONLine(let source, let line):
      "\(source):\(line): not a JSON object with a \"text\" string"
    }
  }
}
