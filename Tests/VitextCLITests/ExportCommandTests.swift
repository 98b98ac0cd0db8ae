import Foundation
import Testing
import VietTestSupport

/// `vitext export`: every document once across shards, `_bulk` pairs, the template, and clear
/// errors.
@Suite struct ExportCommandTests {
  static func lines(_ bytes: [UInt8]) -> [[String: Any]] {
    String(decoding: bytes, as: UTF8.self).split(separator: "\n").map {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
    }
  }

  @Test func sharesSplitTheCorpusIntoDisjointWholes() throws {
    let seeds = TestData.corpus.appendingPathComponent("seeds").path
    let whole = try vitext(["export", "--no-words", seeds])
    #expect(whole.status == 0)
    let all = Self.lines(whole.stdout).compactMap { $0["id"] as? String }
    #expect(all.count == 5)
    var fromShares: [String] = []
    for share in 1...3 {
      let run = try vitext(["export", "--no-words", "--shard", "\(share)/3", seeds])
      #expect(run.status == 0)
      fromShares += Self.lines(run.stdout).compactMap { $0["id"] as? String }
    }
    #expect(fromShares.sorted() == all.sorted())
  }

  @Test func bulkWritesAnActionLineBeforeEachRecord() throws {
    let input =
      "{\"id\":\"q/1\",\"title\":\"Kế hoạch\",\"text\":\"Đảng ủy xã họp.\"}\n{\"id\":\"q/2\",\"text\":\"Chi bộ sinh hoạt.\"}\n"
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "export-\(UUID().uuidString).jsonl")
    try Data(input.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try vitext(["export", "--format", "bulk", "--index-name", "vitext-test", file.path])
    #expect(run.status == 0)
    #expect(run.stdout.last == 0x0A)
    let lines = Self.lines(run.stdout)
    #expect(lines.count == 4)
    let action = try #require(lines[0]["index"] as? [String: Any])
    #expect(action["_index"] as? String == "vitext-test" && action["_id"] as? String == "q/1")
    #expect(lines[1]["text_folded"] as? String == "dang uy xa hop")
    #expect(lines[1]["title_exact"] as? String == "kế hoạch")
    #expect(lines[3]["words"] as? String == "Chi_bộ sinh_hoạt")
  }

  @Test func badArgumentsAreUsageErrors() throws {
    #expect(try vitext(["export", "--shard", "0/3", "x"]).status == 64)
    #expect(try vitext(["export", "--shard", "4/3", "x"]).status == 64)
    let empty = try vitext(["export"])
    #expect(empty.status == 66 && empty.stderr.contains("no documents"))
    let missing = try vitext(["export", "/nonexistent/folder"])
    #expect(missing.status != 0 && missing.stderr.contains("/nonexistent/folder"))
  }

  @Test func standardInputIsJSONLines() throws {
    let run = try vitext(
      ["export", "--no-words", "--no-entities"],
      input: Array("{\"id\":\"7\",\"text\":\"Hội nghị Ban Chấp hành.\"}\n".utf8))
    #expect(run.status == 0)
    #expect(Self.lines(run.stdout).first?["text_exact"] as? String == "hội nghị ban chấp hành")
  }

  @Test func mappingAndTranslatedQueryAreJSON() throws {
    let mapping = try vitext(["export", "--mapping", "opensearch"])
    #expect(mapping.status == 0)
    #expect(
      (try JSONSerialization.jsonObject(with: Data(mapping.stdout)) as? [String: Any])?["template"]
        != nil)
    let query = try vitext(["search", "--to-opensearch", "sinh hoat chi bo cites:11-ĐA/TU"])
    #expect(query.status == 0)
    let dsl = try #require(
      try JSONSerialization.jsonObject(with: Data(query.stdout)) as? [String: Any])
    #expect(dsl["query"] != nil)
  }
}
