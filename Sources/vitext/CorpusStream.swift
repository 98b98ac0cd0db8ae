import Foundation
import VietDocuments
import VietText

/// One document to index.
struct CorpusDocument {
  var id: String
  var title: String
  var text: [UInt8]
  /// The record's "n" member, when it has one (the benchmark harness numbers documents so).
  var ordinal: String? = nil
}

/// Streams documents from text files, folders (searched for .txt, .jsonl and .jsonl.gz, in name
/// order) and JSON Lines files, plain or gzip-compressed (`{"id", "title", "text"}` a line, read a
/// line at a time, so a corpus larger than memory can be indexed).
///
/// A text file's id is its path below the folder named on the command line (or its name),
/// without ".txt". A JSON line without an id gets `file:line`.
final class CorpusStream {
  let paths: [String]
  /// How records are checked, how large a document may be, and whether bad ones are skipped.
  let policy: JSONLinesDocuments.Policy
  /// Bytes of input read so far (for progress reports).
  private(set) var bytesRead = 0
  /// Documents skipped (bad records and over-large files) under `--skip-bad-records`.
  private(set) var skipped = 0

  /// Every file is JSON Lines, whatever its name (`--jsonl`).
  let allJSONL: Bool

  init(paths: [String], policy: JSONLinesDocuments.Policy, allJSONL: Bool = false) {
    self.paths = paths
    self.policy = policy
    self.allJSONL = allJSONL
  }

  /// The files to read, folders expanded.
  func files() throws -> [(path: String, id: String)] {
    var files: [(path: String, id: String)] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CLIError.unreadable(path: path, reason: "no such file or folder")
      }
      if isDirectory.boolValue {
        var visited = Set<String>()
        let found = try Self.walk(path, relative: "", visited: &visited).filter { JSONLines.isJSONL($0) || $0.hasSuffix(".txt") }.sorted()
        files += found.map { ((path as NSString).appendingPathComponent($0), String($0.dropLast($0.hasSuffix(".txt") ? 4 : 0))) }
      } else {
        let name = (path as NSString).lastPathComponent
        files.append((path, name.hasSuffix(".txt") ? String(name.dropLast(4)) : name))
      }
    }
    return files
  }

  func forEach(_ body: (CorpusDocument, _ bytesRead: Int) throws -> Void) throws {
    for (path, id) in try files() {
      if allJSONL || JSONLines.isJSONL(path) {
        let records = try JSONLinesDocuments(path: path, policy: policy, extraKeys: ["n"])
        records.onSkip = reportSkipped
        var before = 0
        do {
          try records.forEach { record in
            bytesRead += records.bytesRead - before
            before = records.bytesRead
            let document = CorpusDocument(
              id: record.id ?? "\(path):\(record.line)", title: record.title ?? "", text: record.text, ordinal: record.extra["n"])
            try body(document, bytesRead)
          }
        } catch var error as InvalidUTF8Error {
          error.hint = JSONLines.invalidUTF8Hint
          throw error
        }
        bytesRead += records.bytesRead - before
        skipped += records.skippedCount
      } else {
        guard let data = try readTextFile(path) else { continue }
        bytesRead += data.count
        let text = try checkedText(data, source: path)
        try body(CorpusDocument(id: id, title: "", text: text), bytesRead)
      }
    }
  }

  /// A text document's bytes; nil when it is over the limit and skipped (reported).
  private func readTextFile(_ path: String) throws -> [UInt8]? {
    let result = Result { () throws(DocumentReadError) in try DocumentFile.read(path: path, maxBytes: policy.maxDocumentBytes) }
    if case .failure(let error) = result, error.code == .tooLarge, policy.skipBadRecords {
      skipped += 1
      reportSkipped(error)
      return nil
    }
    return try result.get()
  }

  private func checkedText(_ data: [UInt8], source: String) throws -> [UInt8] {
    let result = Result { () throws(InvalidUTF8Error) in try JSONLinesDocuments.checkedText(data, source: source, lossy: policy.lossy) }
    if case .failure(var error) = result {
      error.hint = JSONLines.invalidUTF8Hint
      throw error
    }
    return try result.get()
  }

  /// Files below `folder` as relative paths, following symbolic links to folders (a corpus
  /// assembled from links is common) but never into a folder twice.
  private static func walk(_ folder: String, relative: String, visited: inout Set<String>) throws -> [String] {
    let resolved = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
    guard visited.insert(resolved).inserted else { return [] }
    let names: [String]
    do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
      throw CLIError.unreadable(path: folder, reason: "cannot list folder")
    }
    var files: [String] = []
    for name in names where !name.hasPrefix(".") {
      let path = (folder as NSString).appendingPathComponent(name)
      let inner = relative.isEmpty ? name : relative + "/" + name
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
      if isDirectory.boolValue {
        files += try walk(path, relative: inner, visited: &visited)
      } else {
        files.append(inner)
      }
    }
    return files
  }
}
