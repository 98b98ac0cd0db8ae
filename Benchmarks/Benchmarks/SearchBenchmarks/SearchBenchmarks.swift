import Benchmark
import BenchmarkCorpus
import Foundation
import GRDB
import SearchCore
@_spi(Benchmarks) @_spi(Internals) import VietSearch

/// Search over the first 20 MB of gov-corpus documents, vitext beside SQLite FTS5 (through
/// GRDB: the engine a Swift user would reach for) on the same documents: building the index on
/// one thread, and answering the 50 queries of `../shared/tools/queries-vi.json` with their
/// exact count and best 10, as `search_anchor_bench.py` asks every engine. FTS5 is configured as
/// the harness's `sqlite-dfold` (unicode61, diacritics removed, đ folded by the application),
/// the one of its two configurations whose counts for unaccented queries are right.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .peakMemoryResident],
    maxDuration: .seconds(20), maxIterations: 20)

  let documents = BenchmarkCorpus.govDocuments(megabytes: 20)
  let queries = BenchmarkCorpus.searchQueries
  let bytes = documents.reduce(0) { $0 + $1.text.count }
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vitext-search-benchmarks-\(getpid())")
  try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  print("gov: \(documents.count) documents, \(bytes) bytes; \(queries.count) queries; scratch \(folder.path)")

  let vitextPath = folder.appendingPathComponent("vitext").path
  try! VitextEngine.build(documents, at: vitextPath)
  let vitext = try! VitextEngine(path: vitextPath)
  let sqlitePath = folder.appendingPathComponent("fts5.sqlite").path
  try! FTS5Engine.build(documents, at: sqlitePath)
  let sqlite = try! FTS5Engine(path: sqlitePath)

  // The two answer the same questions: report where their counts differ (by design for
  // queries typed with diacritics, which vitext matches exactly).
  var differing: [String] = []
  for query in queries {
    let (exact, folded) = (try! vitext.answer(query).count, try! sqlite.answer(query).count)
    if exact != folded { differing.append("\(query.id) \(exact)/\(folded)") }
  }
  print("counts vitext/FTS5 differ on \(differing.count) of \(queries.count): \(differing.joined(separator: ", "))")

  // Each build writes a fresh index, removed before the next round.
  for (name, file, build) in [
    ("vitext index build (one thread), gov 20 MB", "vitext-build", VitextEngine.build),
    ("SQLite FTS5 + đ folding build, gov 20 MB", "fts5-build.sqlite", FTS5Engine.build),
  ] as [(String, String, ([(id: String, text: [UInt8])], String) throws -> Void)] {
    Benchmark(name) { benchmark in
      let path = folder.appendingPathComponent(file).path
      for _ in benchmark.scaledIterations {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try build(documents, path)
        try FileManager.default.removeItem(atPath: path)
      }
    }
  }

  Benchmark("vitext 50 queries (count + top 10)") { benchmark in
    for _ in benchmark.scaledIterations {
      for query in queries { blackHole(try vitext.answer(query)) }
    }
  }

  Benchmark("SQLite FTS5 + đ folding 50 queries (count + top 10)") { benchmark in
    for _ in benchmark.scaledIterations {
      for query in queries { blackHole(try sqlite.answer(query)) }
    }
  }

  Benchmark.teardown = { try? FileManager.default.removeItem(at: folder) }
}

/// vitext as `vitext-bench engine` runs it: texts not stored, no entity filters.
struct VitextEngine {
  let index: SearchIndex

  static func build(_ documents: [(id: String, text: [UInt8])], at path: String) throws {
    try? FileManager.default.removeItem(atPath: path)
    let writer = try SearchIndexWriter(path: path, create: true, tagger: nil, storesText: false)
    for document in documents { try writer.add(id: document.id, text: document.text) }
    try writer.commit()
    if writer.writer.manifest.segments.count > 1 { try writer.mergeAll() }
  }

  init(path: String) throws { index = try SearchIndex(path: path, tagger: nil) }

  func answer(_ query: BenchmarkCorpus.Query) throws -> (count: Int, top: [Int]) {
    guard let mode = SearchIndex.WordMode(rawValue: query.mode) else { return (0, []) }
    let results = try index.rank(try index.query(words: query.text, mode: mode), limit: 10)
    return (results.total, results.hits.map(\.document))
  }
}

/// SQLite FTS5 as the harness's `sqlite-dfold` engine builds and queries it.
struct FTS5Engine {
  let database: DatabaseQueue

  /// Folds đ and Đ (C4 91, C4 90 in UTF-8), which unicode61's remove_diacritics leaves alone,
  /// on the bytes: Foundation's `replacingOccurrences` would cost more than FTS5's own indexing.
  static func foldingDBar(_ text: [UInt8]) -> String {
    var folded: [UInt8] = []
    folded.reserveCapacity(text.count)
    var index = 0
    while index < text.count {
      if text[index] == 0xC4, index + 1 < text.count, text[index + 1] == 0x90 || text[index + 1] == 0x91 {
        folded.append(text[index + 1] == 0x91 ? UInt8(ascii: "d") : UInt8(ascii: "D"))
        index += 2
      } else {
        folded.append(text[index])
        index += 1
      }
    }
    return String(decoding: folded, as: UTF8.self)
  }

  static func build(_ documents: [(id: String, text: [UInt8])], at path: String) throws {
    try? FileManager.default.removeItem(atPath: path)
    let database = try DatabaseQueue(path: path)
    try database.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA journal_mode=OFF")
      try db.execute(sql: "PRAGMA synchronous=OFF")
      try db.execute(sql: "CREATE VIRTUAL TABLE docs USING fts5(body, content='', tokenize='unicode61 remove_diacritics 2')")
      try db.inTransaction {
        let insert = try db.makeStatement(sql: "INSERT INTO docs(rowid, body) VALUES (?, ?)")
        for (number, document) in documents.enumerated() {
          try insert.execute(arguments: [number + 1, foldingDBar(document.text)])
        }
        return .commit
      }
      try db.execute(sql: "INSERT INTO docs(docs) VALUES('optimize')")
    }
  }

  init(path: String) throws {
    var configuration = Configuration()
    configuration.readonly = true
    database = try DatabaseQueue(path: path, configuration: configuration)
  }

  /// The harness's MATCH expression: the whole query quoted (a phrase) for `term` and
  /// `phrase`, else each word quoted and joined by AND or OR.
  static func expression(_ query: BenchmarkCorpus.Query) -> String {
    let quote = { (words: String) in "\"" + words.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    let text = foldingDBar(Array(query.text.utf8))
    if query.mode == "term" || query.mode == "phrase" { return quote(text) }
    let words = text.split(whereSeparator: \.isWhitespace).filter { $0.contains { $0.isLetter || $0.isNumber } }
    return words.map { quote(String($0)) }.joined(separator: query.mode == "and" ? " AND " : " OR ")
  }

  func answer(_ query: BenchmarkCorpus.Query) throws -> (count: Int, top: [Int]) {
    let match = Self.expression(query)
    return try database.read { db in
      let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM docs WHERE docs MATCH ?", arguments: [match]) ?? 0
      if count == 0 { return (0, []) }
      let top = try Int.fetchAll(db, sql: "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10", arguments: [match])
      return (count, top.map { $0 - 1 })
    }
  }
}
