import Foundation
import Testing
import VietTestSupport

@Suite struct EntitiesCommandTests {
  @Test func jsonlOutputCarriesCodePointOffsetsAndFields() throws {
    // NFD input: offsets are into the NFC form, as Python's str indices.
    let text =
      "Sáng 11/6, Ban Thường vụ Thị ủy sơ kết Đề án số 11-ĐA/TU, ngày 06/12/2021 của Ban Thường vụ Thành ủy."
    let input = "{\"id\":\"a\",\"text\":\"\(text.decomposedStringWithCanonicalMapping)\"}\n"
    let run = try vitext(["entities", "--jsonl"], input: Array(input.utf8))
    #expect(run.status == 0)
    let document = try JSONSerialization.jsonObject(with: Data(run.stdout)) as! [String: Any]
    #expect(document["id"] as? String == "a")
    let entities = document["entities"] as! [[String: Any]]
    #expect(entities.map { $0["label"] as! String } == ["DATE", "UNIT", "DECREE", "UNIT"])
    let nfc = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
    for entity in entities {
      let start = entity["start"] as! Int
      let end = entity["end"] as! Int
      #expect(
        String(String.UnicodeScalarView(nfc[start..<end])).bytes
          == (entity["text"] as! String).bytes)
    }
    let fields = entities[2]["fields"] as! [String: Any]
    #expect(fields["symbol"] as? String == "11-ĐA/TU")
    #expect(fields["issued_date"] as? String == "2021-12-06")
    #expect(fields["year"] as? Int == 2021)
  }

  @Test func badInputGetsAClearErrorAndExitCode() throws {
    let invalid = try vitext(["entities"], input: [0x53, 0xE1, 0xBB])
    #expect(invalid.status == 65)
    let badJSON = try vitext(
      ["entities", "--jsonl"], input: Array("{\"id\": 1, \"text\": \n".utf8))
    #expect(badJSON.status == 65)
    #expect(badJSON.stderr.contains("<stdin>:1"))
    let empty = try vitext(["entities"], input: [])
    #expect(empty.status == 0)
    #expect(
      String(decoding: empty.stdout, as: UTF8.self) == "{\"id\":\"<stdin>\",\"entities\":[]}\n")
  }

  /// JSON Lines files stream a line at a time, gzip-compressed or not, with the same answers as
  /// standard input; a line that is not text names its file and line.
  @Test func jsonlFilesStreamPlainOrCompressedAndNameTheirBadLines() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-entities-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let lines = try TestData.seeds().prefix(3).map { seed in
      let object = ["id": seed.name, "text": String(decoding: seed.bytes, as: UTF8.self)]
      return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
    let jsonl = Array((lines.joined(separator: "\n") + "\n").utf8)
    let plain = folder.appendingPathComponent("seeds.jsonl")
    try Data(jsonl).write(to: plain)
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
    gzip.arguments = ["-c", "gzip -c '\(plain.path)' > '\(plain.path).gz'"]
    try gzip.run()
    gzip.waitUntilExit()
    #expect(gzip.terminationStatus == 0)

    let fromStandardInput = try vitext(["entities", "--jsonl"], input: jsonl)
    let fromFile = try vitext(["entities", plain.path])
    let fromCompressed = try vitext(["entities", plain.path + ".gz"])
    #expect(fromStandardInput.status == 0 && fromFile.status == 0 && fromCompressed.status == 0)
    #expect(
      String(decoding: fromStandardInput.stdout, as: UTF8.self).split(separator: "\n").count == 3)
    #expect(fromFile.stdout == fromStandardInput.stdout)
    #expect(fromCompressed.stdout == fromStandardInput.stdout)

    // Invalid UTF-8 in the middle of the second line (inside its long "text"): refused with its
    // place, or repaired.
    let second = Array(lines[1].utf8)
    let middle = second.count / 2
    let damaged =
      Array((lines[0] + "\n").utf8) + second[..<middle] + [0xE1, 0xBB] + second[middle...] + [0x0A]
    let bad = folder.appendingPathComponent("bad.jsonl")
    try Data(damaged).write(to: bad)
    let refused = try vitext(["citations", bad.path])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("bad.jsonl:2"), "\(refused.stderr)")
    let repaired = try vitext(["entities", "--lossy", bad.path])
    #expect(repaired.status == 0)
    #expect(String(decoding: repaired.stdout, as: UTF8.self).split(separator: "\n").count == 2)
  }

  @Test func citationsOnTheSeedsListDeAn11WithTheThreeHanoiArticles() throws {
    let run = try vitext([
      "citations", "--format", "csv", TestData.corpus.appendingPathComponent("seeds").path,
    ])
    #expect(run.status == 0)
    let lines = String(decoding: run.stdout, as: UTF8.self).split(separator: "\n")
    #expect(lines.first == "document,type,issuer,issued_date,citing_documents,mentions,cited_by")
    let row = try #require(lines.dropFirst().first { $0.hasPrefix("11-ĐA/TU,") })
    #expect(row.hasSuffix(",000_958dd04866c0e41a 002_b4ca7d83e2cfc9d7 004_12ee37f62c8c5047"))
    #expect(row.contains(",Đề án,Ban Thường vụ Thành ủy,2021-12-06,3,"))
  }

  @Test func relationsComeOutInTheFieldsAndGroupTheCitations() throws {
    let text =
      "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\nCăn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;\nQuyết định này thay thế Quyết định số 12/2019/QĐ-UBND ngày 25/7/2019 của Ủy ban nhân dân tỉnh."
    let input = Array(
      "{\"id\":\"qd\",\"text\":\"\(text.replacingOccurrences(of: "\n", with: "\\n"))\"}\n".utf8)
    let run = try vitext(["entities", "--jsonl"], input: input)
    #expect(run.status == 0)
    let document = try JSONSerialization.jsonObject(with: Data(run.stdout)) as! [String: Any]
    let decrees = (document["entities"] as! [[String: Any]]).filter {
      $0["label"] as? String == "DECREE"
    }
    let relations = decrees.map { ($0["fields"] as! [String: Any])["relation"] as? String }
    #expect(relations == ["căn cứ", "căn cứ", "thay thế"])
    let grouped = try vitext(
      ["citations", "--jsonl", "--by", "relation", "--format", "csv"], input: input)
    #expect(grouped.status == 0)
    let lines = String(decoding: grouped.stdout, as: UTF8.self).split(separator: "\n").map(
      String.init)
    #expect(lines.first == "relation,document,citing_documents,mentions,cited_by")
    #expect(lines.contains("căn cứ,30/2020/NĐ-CP,1,1,qd"))
    #expect(lines.contains("thay thế,12/2019/QĐ-UBND,1,1,qd"))
  }

  /// The shared scorer on the dev set: the issue's figures, with no margin to spare.
  @Test func sharedScorerReportsTheDevFigures() throws {
    guard let gold = try TestData.shared("data/entities/ner-dev.jsonl"),
      let scorer = try TestData.shared("tools/ner_eval.py")
    else { return }
    let run = try vitext(["entities", gold.path])
    #expect(run.status == 0)
    let output = try temporaryFile(run.stdout)
    let report = try temporaryFile([])
    defer {
      try? FileManager.default.removeItem(at: output)
      try? FileManager.default.removeItem(at: report)
    }
    _ = try python([
      scorer.path, "--gold", gold.path, "--system", output.path, "--json", report.path,
    ])
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as! [String: Any]
    let labels = json["labels"] as! [String: [String: [String: Any]]]
    func f1(_ label: String) -> Double { labels[label]!["exact"]!["f1"] as! Double }
    #expect(f1("DECREE") >= 0.97, "DECREE \(f1("DECREE"))")
    #expect(f1("DATE") >= 0.95, "DATE \(f1("DATE"))")
    #expect(f1("OFFICIAL") >= 0.90, "OFFICIAL \(f1("OFFICIAL"))")
    #expect(f1("UNIT") >= 0.90, "UNIT \(f1("UNIT"))")
    let fields = (json["decree_fields"] as! [String: [String: Any]])["exact"]!
    let accuracy = fields["all_fields_end_to_end"] as! Double
    #expect(accuracy >= 0.97, "DECREE fields \(accuracy)")
  }
}
