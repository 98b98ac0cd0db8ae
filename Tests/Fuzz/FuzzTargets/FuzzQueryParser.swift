import Foundation
import VietSearch

/// Fuzz target: any bytes as a query, parsed, compiled and run (with snippets and facets)
/// against a small index of the seed articles. A malformed query must give `QuerySyntaxError`
/// (or `IndexError` for one the index cannot answer), never a trap.
public func fuzzQuery(_ input: UnsafeBufferPointer<UInt8>) {
  let query = String(decoding: input, as: UTF8.self)
  _ = try? QueryParser().parse(query)
  _ = try? SeedIndex.shared.search(query, limit: 10, facetLimit: 4)
}

/// The five seed articles (Corpus/seeds), indexed once per process in a scratch folder.
enum SeedIndex {
  /// Where the index is built: one folder per process.
  static let path = NSTemporaryDirectory() + "vitext-fuzz-query-\(getpid())"

  static let shared: SearchIndex = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let seeds = root.appendingPathComponent("Corpus/seeds")
    do {
      let writer = try SearchIndexWriter(path: path, create: true, tagger: nil)
      let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter {
        $0.hasSuffix(".txt")
      }.sorted()
      precondition(!names.isEmpty, "no seed articles in \(seeds.path)")
      for name in names {
        try writer.add(
          id: name, text: [UInt8](try Data(contentsOf: seeds.appendingPathComponent(name))))
      }
      try writer.commit()
      let index = try SearchIndex(path: path, tagger: nil)
      // Loads what a search loads once per process (the word lists the diacritics suggestion
      // reads take seconds in a sanitizer build), so libFuzzer's per-input timeout measures
      // queries, not start-up: the first long run stopped on its first input, "s", for that.
      _ = try? index.search("sinh hoat chi bo", limit: 1)
      return index
    } catch {
      fatalError("cannot build the seed index in \(path): \(error)")
    }
  }()
}
