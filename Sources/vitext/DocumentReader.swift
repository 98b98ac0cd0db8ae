import Foundation
import VietText

/// A whole document: an id and its text as UTF-8 (legacy encodings already converted).
struct Document {
  var id: String
  var text: [UInt8]
}

/// Reads whole documents for the commands that work per document (`entities`, `citations`):
/// each text file is one document (its id the file name without extension); a `.jsonl` file, or
/// any input with `--jsonl`, holds one `{"id", "text"}` object a line. Directories are searched
/// for `.txt` and `.jsonl` files, in name order.
struct DocumentReader {
  let input: InputOptions
  let jsonl: Bool

  func forEachDocument(_ body: (Document) throws -> Void) throws {
    for source in try expandedSources() {
      let isJSONL: Bool
      if case .file(let path) = source { isJSONL = jsonl || path.hasSuffix(".jsonl") } else { isJSONL = jsonl }
      var bytes: [UInt8] = []
      try input.reader(for: source).forEachChunk { bytes += $0.text }
      if isJSONL {
        try forEachJSONLine(bytes, source: source.name, body)
      } else {
        try body(Document(id: Self.documentID(source), text: bytes))
      }
    }
  }

  private func forEachJSONLine(_ bytes: [UInt8], source: String, _ body: (Document) throws -> Void) throws {
    var lineNumber = 0
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
        let text = object["text"] as? String
      else {
        throw DocumentError.badJSONLine(source: source, line: lineNumber)
      }
      let id: String
      switch object["id"] {
      case let string as String: id = string
      case let number as NSNumber: id = number.stringValue
      default: id = "\(source):\(lineNumber)"
      }
      try body(Document(id: id, text: Array(text.utf8)))
    }
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
        let found = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".jsonl") }.sorted()
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
