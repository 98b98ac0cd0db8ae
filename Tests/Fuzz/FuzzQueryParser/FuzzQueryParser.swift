import CFuzzerDriver
import Foundation
import VietSearch

/// libFuzzer target: any bytes as a query, parsed, compiled and run (with snippets and facets)
/// against a small index of the seed articles. A malformed query must give `QuerySyntaxError`
/// (or `IndexError` for one the index cannot answer), never a trap. Built and run by `.ci/fuzz`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let query = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  _ = try? QueryParser().parse(query)
  _ = try? SeedIndex.shared.search(query, limit: 10, facetLimit: 4)
  return 0
}

/// The five seed articles (Corpus/seeds), indexed once per process in a scratch folder.
enum SeedIndex {
  static let shared: SearchIndex = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let seeds = root.appendingPathComponent("Corpus/seeds")
    let path = NSTemporaryDirectory() + "vitext-fuzz-query-\(getpid())"
    do {
      let writer = try SearchIndexWriter(path: path, create: true, tagger: nil)
      let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }.sorted()
      precondition(!names.isEmpty, "no seed articles in \(seeds.path)")
      for name in names {
        try writer.add(id: name, text: [UInt8](try Data(contentsOf: seeds.appendingPathComponent(name))))
      }
      try writer.commit()
      return try SearchIndex(path: path, tagger: nil)
    } catch {
      fatalError("cannot build the seed index in \(path): \(error)")
    }
  }()
}

/// Runs libFuzzer on `fuzzQuery` (see CFuzzerDriver.h for why not libFuzzer's own `main`).
@main enum FuzzQueryParserMain {
  static func main() {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in data.map { fuzzQuery($0, size) } ?? 0 })
  }
}
