import Foundation
import Testing
import VietTestSupport

@Suite struct ExtractCommandTests {
  static let fixture = TestData.packageRoot.appendingPathComponent(
    "Tests/VietDocumentsTests/Fixtures/thong-tu-14-2026.docx"
  ).path

  @Test func writesJSONLWithMetadata() throws {
    let (out, errors, status) = try vitext(["extract", "--format", "jsonl", Self.fixture])
    #expect(status == 0, "\(errors)")
    let lines = String(decoding: out, as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 1)
    let record = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(record["id"] as? String == "thong-tu-14-2026")
    #expect(
      (record["title"] as? String)?.hasPrefix("Thông tư 14/2026/TT-BTC Hướng dẫn việc lập dự toán")
        == true)
    #expect((record["text"] as? String)?.hasPrefix("BỘ TÀI CHÍNH\n") == true)
    #expect(record["pages"] as? [Int] == [0])
    let metadata = try #require(record["metadata"] as? [String: Any])
    #expect(metadata["number"] as? String == "14/2026/TT-BTC")
    #expect(metadata["type"] as? String == "Thông tư")
    #expect(metadata["issuer"] as? String == "Bộ Tài chính")
    #expect(metadata["issued"] as? String == "2026-03-02")
    #expect(metadata["place"] as? String == "Hà Nội")
  }

  /// README's example, `vitext extract …docx | head -6`, line for line.
  @Test func printsTextByDefaultAsTheReadmeShows() throws {
    let (out, _, status) = try vitext(["extract", Self.fixture])
    #expect(status == 0)
    let lines = String(decoding: out, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false
    ).prefix(6)
    let readme = [
      "BỘ TÀI CHÍNH", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
      "Số: 14/2026/TT-BTC",
      "Hà Nội, ngày 02 tháng 3 năm 2026", "THÔNG TƯ",
    ]
    #expect(lines.map { Array($0.utf8) } == readme.map { Array($0.utf8) })
  }

  @Test func reportsEachUnreadableFileAndGoesOn() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-extract-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let binary = folder.appendingPathComponent("noise.bin").path
    FileManager.default.createFile(
      atPath: binary, contents: Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0]))
    let missing = folder.appendingPathComponent("khong-co.pdf").path

    let (out, errors, status) = try vitext(["extract", "--format", "jsonl", binary, Self.fixture])
    #expect(status == 65)
    #expect(errors.contains("noise.bin: not a format vitext reads"))
    // The readable file after it is still extracted.
    #expect(String(decoding: out, as: UTF8.self).split(separator: "\n").count == 1)

    let (_, missingErrors, missingStatus) = try vitext(["extract", missing])
    #expect(missingStatus == 66)
    #expect(missingErrors.contains("khong-co.pdf: no such file"))
  }
}
