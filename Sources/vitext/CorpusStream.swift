import Foundation
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
  /// Replace invalid UTF-8 with U+FFFD instead of failing.
  let lossy: Bool
  /// Bytes of input read so far (for progress reports).
  private(set) var bytesRead = 0

  init(paths: [String], lossy: Bool) {
    self.paths = paths
    self.lossy = lossy
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
      if JSONLines.isJSONL(path) {
        try JSONLines.forEachLine(of: path, read: { self.bytesRead += $0 }) { line, number in
          guard let record = JSONRecord(line, keys: ["id", "title", "text", "n"]), let text = record["text"] else {
            throw DocumentError.badJSONLine(source: path, line: number)
          }
          let documentID = record["id"].map { String(decoding: $0, as: UTF8.self) } ?? "\(path):\(number)"
          let title = record["title"].map { String(decoding: $0, as: UTF8.self) } ?? ""
          let document = CorpusDocument(
            id: documentID, title: title, text: try JSONLines.text(text, source: "\(path):\(number)", lossy: lossy),
            ordinal: record["n"].map { String(decoding: $0, as: UTF8.self) })
          try body(document, bytesRead)
        }
      } else {
        guard let data = FileManager.default.contents(atPath: path) else {
          throw CLIError.unreadable(path: path, reason: "cannot read")
        }
        bytesRead += data.count
        try body(CorpusDocument(id: id, title: "", text: try JSONLines.text([UInt8](data), source: path, lossy: lossy)), bytesRead)
      }
    }
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
