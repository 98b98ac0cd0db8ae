import Foundation
import Testing
import VietTestSupport

/// `vitext index build` over a folder of mixed documents, and searching by their metadata from
/// the command line.
@Suite struct MetadataIndexCommandTests {
  static let fixtures = TestData.packageRoot.appendingPathComponent(
    "Tests/VietDocumentsTests/Fixtures")

  /// A folder as users have them: the same Thông tư as PDF and DOCX (one name, two formats), a
  /// seed report as text, records with their own metadata, a damaged PDF and a README.
  static func mixedFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-mixed-\(UUID().uuidString)")
    let reports = folder.appendingPathComponent("reports")
    try FileManager.default.createDirectory(
      at: reports.appendingPathComponent("2026"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: fixtures.appendingPathComponent("thong-tu-14-2026.pdf"),
      to: reports.appendingPathComponent("2026/tt-14.pdf"))
    try FileManager.default.copyItem(
      at: fixtures.appendingPathComponent("thong-tu-14-2026.docx"),
      to: reports.appendingPathComponent("2026/tt-14.docx"))
    let seed = try #require(try TestData.seeds().first)
    try Data(seed.bytes).write(to: reports.appendingPathComponent("seed.txt"))
    try Data(
      """
      {"id": "kh-130", "title": "Kế hoạch nâng cao chất lượng sinh hoạt chi bộ", "text": "Các chi bộ sinh hoạt định kỳ hằng tháng, nâng cao chất lượng sinh hoạt chi bộ.", "type": "Kế hoạch", "issuer": "Tỉnh ủy Lào Cai", "issued": "2021-03-15", "number": "130-KH/TU"}
      {"id": "bc-7", "text": "Báo cáo kết quả sinh hoạt chi bộ quý I.", "metadata": {"type": "Báo cáo", "issuer": "Đảng ủy phường Tây Hồ", "issued": "2021-04-02"}}

      """.utf8
    ).write(to: reports.appendingPathComponent("records.jsonl"))
    // A PDF cut short after its header: no reader gets text out of it.
    try Data("%PDF-1.4\n1 0 obj << /Type /Catalog".utf8).write(
      to: reports.appendingPathComponent("damaged.pdf"))
    try Data("Notes for the folder, not a document.".utf8).write(
      to: reports.appendingPathComponent("README.md"))
    return folder
  }

  static func json(_ bytes: [UInt8]) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
  }

  @Test func aMixedFolderIsIndexedTheUnreadableReportedAndTheExitSaysSo() throws {
    let folder = try Self.mixedFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let build = try vitext(["index", "build", "--index", "ix", "reports"], in: folder)
    // Committed without the damaged PDF, which is named with its reason; the exit says a
    // document is missing.
    #expect(build.status == 65, "\(build.stderr)")
    #expect(build.stderr.contains("damaged.pdf"))
    #expect(build.stderr.contains("indexed 5 documents"), "\(build.stderr)")
    #expect(!build.stderr.contains("README"))

    func search(_ arguments: [String]) throws -> [String: Any] {
      let run = try vitext(["search", "--index", "ix", "--format", "json"] + arguments, in: folder)
      #expect(run.status == 0, "\(run.stderr)")
      return try Self.json(run.stdout)
    }
    // One name, two formats: two documents, ids with their extensions, metadata from the
    // header of each.
    let circulars = try search(["type:\"Thông tư\"", "issuer:\"Bộ Tài chính\"", "issued:2026-03"])
    let hits = try #require(circulars["hits"] as? [[String: Any]])
    #expect(Set(hits.compactMap { $0["id"] as? String }) == ["2026/tt-14.docx", "2026/tt-14.pdf"])
    for hit in hits {
      let metadata = try #require(hit["metadata"] as? [String: String])
      #expect(metadata["number"] == "14/2026/TT-BTC")
      #expect(metadata["issued"] == "2026-03-02")
    }
    // Records' own members, at the top level or in "metadata"; --sort date, newest first.
    let sorted = try search(["sinh hoat chi bo", "issued:2021", "--sort", "date"])
    #expect(
      (sorted["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [
        "bc-7", "kh-130",
      ])
    // The issue's example.
    let example = try search(["issued:2021 type:\"Kế hoạch\" sinh hoat chi bo", "--sort", "date"])
    #expect((example["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["kh-130"])
    // Facets beside the hits.
    let faceted = try search(["issued:2000..2030", "--facets", "5", "--limit", "0"])
    let facets = try #require(faceted["facets"] as? [String: [[String: Any]]])
    #expect(facets["years"]?.compactMap { $0["label"] as? String }.sorted() == ["2021", "2026"])
    #expect(facets["years"]?.compactMap { $0["documents"] as? Int }.reduce(0, +) == 4)
    #expect(facets["types"]?.contains { $0["filter"] as? String == "type:\"kế hoạch\"" } == true)

    // Skipping what cannot be read is a success when asked for.
    let skipping = try vitext(
      ["index", "build", "--index", "ix2", "--skip-bad-records", "reports"], in: folder)
    #expect(skipping.status == 0, "\(skipping.stderr)")
    #expect(
      skipping.stderr.contains("damaged.pdf") && skipping.stderr.contains("1 unreadable document"))
  }

  @Test(arguments: [
    ("issued:2024-13", "no month 13"), ("issued:abc", "not a date"),
    ("foo:bar", "unknown field 'foo:'"),
  ])
  func badFiltersExit64(query: String, expected: String) throws {
    let folder = try Self.mixedFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let records = folder.appendingPathComponent("reports/records.jsonl")
    #expect(try vitext(["index", "build", "--index", "ix", records.path], in: folder).status == 0)
    let run = try vitext(["search", "--index", "ix", query], in: folder)
    #expect(run.status == 64)
    #expect(run.stderr.contains(expected), "\(run.stderr)")
  }

  @Test func aRecordWithABadIssueDateIsABadRecord() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-baddate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(
      """
      {"id": "a", "text": "Đảng viên sinh hoạt chi bộ.", "issued": "2021-03-15"}
      {"id": "b", "text": "Chi bộ họp.", "issued": "15/03/2021"}

      """.utf8
    ).write(to: folder.appendingPathComponent("r.jsonl"))
    let run = try vitext(["index", "build", "--index", "ix", "r.jsonl"], in: folder)
    #expect(
      run.status == 65 && run.stderr.contains("r.jsonl:2") && run.stderr.contains("YYYY-MM-DD"),
      "\(run.stderr)")
    #expect(
      try vitext(["index", "build", "--index", "ix", "--skip-bad-records", "r.jsonl"], in: folder)
        .status == 0)
  }
}
