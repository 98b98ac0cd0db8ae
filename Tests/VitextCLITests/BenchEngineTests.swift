import Foundation
import Testing
import VietTestSupport

/// `vitext-bench engine` speaks the external-engine protocol of `search_anchor_bench.py`: the
/// benchmark figures are only as good as the answers it gives the harness.
@Suite struct BenchEngineTests {
  /// The harness's corpus lines: an ordinal `n`, an id and the text.
  static let corpus = """
    {"n": 0, "id": "a", "text": "Đảng viên tham gia sinh hoạt chi bộ."}
    {"n": 1, "id": "b", "text": "Cán bộ đang làm việc tại Thị uỷ."}
    {"n": 2, "id": "c", "text": "Ban Thường vụ Thị ủy sơ kết Đề án số 11-ĐA/TU."}
    {"n": 3, "id": "d", "text": "Chi bộ thôn Ninh Tĩnh họp định kỳ."}

    """

  static func lines(_ bytes: [UInt8]) throws -> [[String: Any]] {
    try String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { line in
      try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
    }
  }

  @Test func buildsFromTheHarnessCorpusAndAnswersQueriesWithOrdinals() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-bench-engine-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(Self.corpus.utf8).write(to: folder.appendingPathComponent("corpus.jsonl"))

    let build = try vitext(
      ["engine", "build", "--docs", "corpus.jsonl", "--index", "ix"], in: folder,
      executable: TestData.benchExecutable)
    #expect(build.status == 0, "\(build.stderr)")
    let summary = try #require(try Self.lines(build.stdout).last)
    #expect(summary["documents"] as? Int == 4)
    #expect(summary["ingest_s"] is Double)

    let requests = [
      #"{"op": "query", "mode": "term", "q": "Đảng", "k": 10}"#,
      #"{"op": "query", "mode": "term", "q": "dang", "k": 10}"#,
      #"{"op": "query", "mode": "phrase", "q": "thi uy", "k": 10}"#,
      #"{"op": "query", "mode": "and", "q": "chi bo", "k": 10}"#,
      #"{"op": "query", "mode": "or", "q": "Ninh Cán", "k": 1}"#,
      #"{"op": "query", "mode": "near", "q": "chi bo", "k": 10}"#,
      "not json",
      #"{"op": "analyze", "text": "Thị uỷ"}"#,
      #"{"op": "stats"}"#,
    ]
    let serve = try vitext(
      ["engine", "serve", "--index", "ix"],
      input: Array((requests.joined(separator: "\n") + "\n").utf8), in: folder,
      executable: TestData.benchExecutable)
    #expect(serve.status == 0, "\(serve.stderr)")
    let answers = try Self.lines(serve.stdout)
    try #require(answers.count == requests.count + 1)

    let ready = answers[0]
    #expect(ready["ready"] as? Bool == true)
    let info = try #require(ready["info"] as? [String: Any])
    for field in ["engine", "version", "config", "threads", "ranking", "folding"] {
      #expect(info[field] is String, "\(field)")
    }

    func answer(_ number: Int) -> (count: Int?, top: [Int]?) {
      (answers[number + 1]["count"] as? Int, answers[number + 1]["top"] as? [Int])
    }
    // "Đảng" as typed is not "đang"; typed without marks it is both.
    #expect(answer(0).count == 1 && answer(0).top == [0])
    #expect(answer(1).count == 2 && Set(answer(1).top ?? []) == [0, 1])
    // Both tone placements of "Thị ủy", found by the unaccented phrase.
    #expect(answer(2).count == 2 && Set(answer(2).top ?? []) == [1, 2])
    #expect(answer(3).count == 2 && Set(answer(3).top ?? []) == [0, 3])
    // The count is exact however few hits are asked for.
    #expect(answer(4).count == 2 && answer(4).top?.count == 1)
    for number in 0..<5 { #expect(answers[number + 1]["took_ns"] is Int) }
    #expect(answers[6]["error"] is String)
    #expect(answers[7]["error"] is String)
    #expect(answers[8]["tokens"] as? [String] == ["thị", "ủy"])
    #expect(answers[9]["documents"] as? Int == 4)
  }
}
