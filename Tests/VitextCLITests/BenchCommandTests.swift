import Foundation
import Testing
import VietSegmentation
import VietTestSupport

@Suite struct BenchCommandTests {
  @Test func tokenizeBenchRunsOnTheSeedsAndWritesJSON() throws {
    let json = try temporaryFile([], name: "bench-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: json) }
    let run = try vitext([
      "bench", "tokenize", "--corpus", TestData.corpus.appendingPathComponent("seeds").path,
      "--repeat", "2", "--json", json.path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let table = String(decoding: run.stdout, as: UTF8.self)
    #expect(table.contains("tokenize") && table.contains("syllables/s"))
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
    let results = try #require(report["results"] as? [[String: Any]])
    #expect(results.count == 1)
    #expect(results[0]["bytes"] as? Int == (try TestData.seeds().reduce(0) { $0 + $1.bytes.count }))
    #expect((results[0]["seconds"] as? [Double])?.count == 2)
    #expect((results[0]["syllables"] as? Int ?? 0) > 3_000)
  }

  @Test func goldScoringPlotAndAMissingPeer() throws {
    let gold = try temporaryFile(
      Array(
        "Ban Thường_vụ Thị_ủy sơ_kết 03 năm thực_hiện Đề_án số 11-ĐA/TU\nSinh_hoạt chi_bộ .\n".utf8),
      name: "gold-\(UUID().uuidString).txt")
    let plot = try temporaryFile([], name: "bench-\(UUID().uuidString).svg")
    defer {
      try? FileManager.default.removeItem(at: gold)
      try? FileManager.default.removeItem(at: plot)
    }
    let run = try vitext([
      "bench", "segment", "--corpus", TestData.corpus.appendingPathComponent("seeds").path,
      "--gold", gold.path,
      "--compare", "pyvi", "--python", "/nonexistent/python3", "--repeat", "1", "--plot", plot.path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("pip install pyvi"))
    let table = String(decoding: run.stdout, as: UTF8.self)
    #expect(table.contains("100.00"), "\(table)")  // both gold sentences segmented as annotated
    let svg = String(decoding: try Data(contentsOf: plot), as: UTF8.self)
    #expect(
      svg.hasPrefix("<svg") && svg.contains("Word segmentation F1") && svg.hasSuffix("</svg>\n"))
  }

  @Test func unknownPeersAndBadRepeatAreUsageErrors() throws {
    #expect(try vitext(["bench", "tokenize", "--compare", "vncorenlp"]).status == 64)
    #expect(try vitext(["bench", "tokenize", "--repeat", "0"]).status == 64)
  }

  /// vitext's scorer counts what seg_eval.py counts, on vitext's output and on output with the
  /// differences peers produce (merged and split words, other tone placement and case, a
  /// dropped character).
  @Test func scorerAgreesWithSegEval() throws {
    guard let goldURL = try TestData.shared("data/segmentation/vi_vtb-ud-dev.conllu"),
      let scorer = try TestData.shared("tools/seg_eval.py")
    else { return }
    let text = try python([scorer.path, "text", goldURL.path])
    let run = try vitext(["tokenize", "--words", "--lines"], input: text)
    var lines = String(decoding: run.stdout, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(String.init)
    let gold = try GoldSentence.read(
      [UInt8](try Data(contentsOf: goldURL)), name: goldURL.lastPathComponent)
    for (index, line) in lines.enumerated() where index % 7 == 0 {
      switch index % 4 {
      case 0:
        lines[index] = line.replacingOccurrences(
          of: " ", with: "_", options: [], range: line.range(of: " "))
      case 1: lines[index] = line.replacingOccurrences(of: "_", with: " ")
      case 2: lines[index] = line.uppercased().replacingOccurrences(of: "ỦY", with: "UỶ")
      default: lines[index] = String(line.dropFirst(2))
      }
    }
    let output = try temporaryFile(Array(lines.joined(separator: "\n").utf8))
    defer { try? FileManager.default.removeItem(at: output) }
    let report =
      try JSONSerialization.jsonObject(
        with: Data(try python([scorer.path, "score", "--json", goldURL.path, output.path])))
      as! [String: Any]
    let ours = try SegmentationScorer().score(gold: gold, systemLines: lines)
    #expect(ours.goldWords == report["gold_words"] as? Int)
    #expect(ours.systemWords == report["system_words"] as? Int)
    #expect(ours.correctWords == report["correct"] as? Int)
  }
}
