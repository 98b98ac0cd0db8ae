import Foundation
import VietDocuments
import VietText
import VitextCommandSupport

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

  /// Calls `body` with each whole document (for commands that need all of a text at once).
  func forEachDocument(_ body: (Document) throws -> Void) throws {
    var current = Document(id: "", text: [])
    try forEachDocumentInPieces(
      begin: { current = Document(id: $0, text: []) }, piece: { current.text += $0 },
      end: { try body(current) })
  }

  /// Hands each document over in pieces, so a document larger than memory streams through: a
  /// text file in the input reader's chunks (cut at line breaks or spaces), a JSON Lines record
  /// whole (at most 64 MiB; larger records are errors naming their line).
  func forEachDocumentInPieces(
    begin: (String) throws -> Void, piece: ([UInt8]) throws -> Void, end: () throws -> Void
  ) throws {
    for source in try expandedSources() {
      let isJSONL: Bool
      if case .file(let path) = source {
        isJSONL = jsonl || JSONLines.isJSONL(path)
      } else {
        isJSONL = jsonl
      }
      if isJSONL && input.from == .unicode {
        // A line at a time, so a corpus larger than memory streams through.
        let path: String? = if case .file(let path) = source { path } else { nil }
        let records = try JSONLinesDocuments(
          path: path, policy: JSONLinesDocuments.Policy(lossy: input.lossy))
        do {
          try records.forEach { record in
            try begin(record.id ?? "\(source.name):\(record.line)")
            try piece(record.text)
            try end()
          }
        } catch var error as InvalidUTF8Error {
          error.hint = JSONLines.invalidUTF8Hint
          throw error
        }
        continue
      }
      if isJSONL {
        // Text converted from a legacy encoding: converted as a whole, then read by line.
        var bytes: [UInt8] = []
        try input.reader(for: source).forEachChunk { bytes += $0.text }
        try JSONLines.forEachLine(in: bytes) { line, number in
          let document = try document(line, number, source: source.name)
          try begin(document.id)
          try piece(document.text)
          try end()
        }
      } else {
        try begin(Self.documentID(source))
        try input.reader(for: source).forEachChunk { try piece($0.text) }
        try end()
      }
    }
  }

  /// The document on one JSON line: its "text", and its "id" (or `source:line`).
  private func document(_ line: ArraySlice<UInt8>, _ number: Int, source: String) throws -> Document
  {
    let record: JSONRecord
    do { record = try JSONRecord(line, keys: ["id", "text"]) } catch {
      throw DocumentReadError(
        .jsonSyntax, source: source, line: number, byteOffset: error.byteOffset, error.description)
    }
    guard let text = record.string("text") else {
      throw DocumentReadError(
        .missingField, source: source, line: number,
        "no \"text\" string (a document needs its text)")
    }
    let id = record["id"].map { String(decoding: $0, as: UTF8.self) } ?? "\(source):\(number)"
    return Document(id: id, text: text)
  }

  private func expandedSources() throws -> [InputSource] {
    var sources: [InputSource] = []
    for source in input.sources {
      guard case .file(let path) = source else {
        sources.append(source)
        continue
      }
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        guard let walker = FileManager.default.enumerator(atPath: path) else {
          throw CLIError.unreadable(path: path, reason: "cannot list directory")
        }
        let found = walker.compactMap { $0 as? String }.filter {
          $0.hasSuffix(".txt") || JSONLines.isJSONL($0)
        }.sorted()
        sources += found.map { .file((path as NSString).appendingPathComponent($0)) }
      } else {
        sources.append(source)
      }
    }
    return sources
  }

  static func documentID(_ source: InputSource) -> String {
    guard case .file(let path) = source else { return DocumentReadError.standardInputName }
    let name = (path as NSString).lastPathComponent
    return name.hasSuffix(".txt") ? String(name.dropLast(4)) : name
  }
}
