import Foundation
import Testing

@testable import VietDocuments

@Suite struct MetadataReaderTests {
  let reader = MetadataReader.shared

  @Test func readsAPlanHeader() {
    let text = """
      UỶ BAN NHÂN DÂN
      THÀNH PHỐ HÀ NỘI
      Số: 130/KH-UBND
      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      Độc lập - Tự do - Hạnh phúc
      Hà Nội, ngày 06 tháng 12 năm 2021

      KẾ HOẠCH
      Nâng cao chất lượng sinh hoạt chi bộ năm 2022

      Thực hiện Chỉ thị số 10-CT/TW của Ban Bí thư…
      """
    let metadata = reader.read(text)
    #expect(metadata.number == "130/KH-UBND")
    #expect(metadata.documentType == "Kế hoạch")
    #expect(metadata.issuer == "Uỷ ban nhân dân thành phố Hà Nội")
    #expect(metadata.place == "Hà Nội")
    #expect(metadata.issueDate == IssueDate(year: 2021, month: 12, day: 6))
    #expect(metadata.summary == "Nâng cao chất lượng sinh hoạt chi bộ năm 2022")
  }

  @Test func readsTheGazettesBarSeparatedHeader() {
    // Corpus/gov's Công báo texts join a header row's cells with " | ".
    let text = """
      VĂN PHÒNG QUỐC HỘI  | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc
      Số: 125/VBHN-VPQH | Hà Nội, ngày 27 tháng 8 năm 2025

      BỘ LUẬT
      """
    let repaired = TextRepair().repair(page: text, isFirstPage: true)
    let metadata = reader.read(repaired)
    #expect(metadata.number == "125/VBHN-VPQH")
    #expect(metadata.issuer == "Văn phòng Quốc hội")
    #expect(metadata.issueDate?.description == "2025-08-27")
    #expect(metadata.documentType == "Bộ luật")
  }

  @Test(arguments: [
    ("Số: 49/2026/NĐ-CP", "49/2026/NĐ-CP"),
    ("Số:   15/2026/NQ-CP", "15/2026/NQ-CP"),
    ("Số: 199 /2026/NĐ-CP", "199/2026/NĐ-CP"),
    ("Số 11-ĐA/TU", "11-ĐA/TU"),
    ("Số lượng 25 người", nil),
  ] as [(String, String?)])
  func readsNumberLines(_ line: String, _ expected: String?) {
    #expect(MetadataReader.number(in: line) == expected)
  }

  @Test func namesTheTypeFromTheCodeWhenNoTypeLine() {
    let metadata = reader.read("BỘ TÀI CHÍNH\nSố: 14/2026/TT-BTC\nHà Nội, ngày 02 tháng 3 năm 2026\n")
    #expect(metadata.documentType == "Thông tư")
    let letter = reader.read("ỦY BAN NHÂN DÂN\nHUYỆN ĐÀ BẮC\nSố: 512/UBND-VP\nV/v triển khai sinh hoạt chi bộ\n")
    #expect(letter.documentType == "Công văn")
    #expect(letter.summary == "triển khai sinh hoạt chi bộ")
  }

  @Test func readsAConsolidatedTextFromItsCertificationBlock() {
    // A văn bản hợp nhất prints its own number, issuer and date at its end, not in its header.
    let text = """
      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      Độc lập - Tự do - Hạnh phúc
      LUẬT
      THUẾ THU NHẬP DOANH NGHIỆP
      Luật Thuế thu nhập doanh nghiệp số 67/2025/QH15 ngày 14 tháng 6 năm 2025 của Quốc hội…
      Điều 1. Phạm vi điều chỉnh
      …
      VĂN PHÒNG QUỐC HỘI
      Số: 113/VBHN-VPQH

      XÁC THỰC VĂN BẢN HỢP NHẤT
      Hà Nội, ngày 20 tháng 5 năm 2026
      CHỦ NHIỆM

      Lê Quang Mạnh
      """
    // The block stands after the body, far below the header.
    let body = String(repeating: "Điều này quy định thuế suất đối với thu nhập của doanh nghiệp.\n", count: 50)
    let metadata = reader.read(text.replacingOccurrences(of: "…\nVĂN PHÒNG", with: body + "VĂN PHÒNG"))
    #expect(metadata.number == "113/VBHN-VPQH")
    #expect(metadata.issuer == "Văn phòng Quốc hội")
    #expect(metadata.issueDate?.description == "2026-05-20")
    #expect(metadata.documentType == "Luật")
    #expect(metadata.signer == "Lê Quang Mạnh")
  }

  @Test func findsTheSignerUnderTheTitles() {
    let text = "Điều 5. Hiệu lực thi hành\n…\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nNguyễn Thị Bích Ngọc"
    #expect(reader.read(text).signer == "Nguyễn Thị Bích Ngọc")
  }

  @Test func encodesTheDateAsISO() throws {
    let metadata = DocumentMetadata(number: "130/KH-UBND", issueDate: IssueDate(year: 2021, month: 12, day: 6))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let json = String(decoding: try encoder.encode(metadata), as: UTF8.self)
    #expect(json == #"{"issued":"2021-12-06","number":"130/KH-UBND"}"#)
    #expect(try JSONDecoder().decode(DocumentMetadata.self, from: Data(json.utf8)) == metadata)
  }

  // The byte-level shortcuts of the reader (it reads every exported document's header) must
  // answer as the Foundation and Unicode calls they skip.

  @Test func splitsLinesAsSplittingOnTheNewlineCharacter() {
    for text in ["a\nb", "Số: 1\r\nHà Nội\n\nx\n", "\n", "", "Ủy\u{0301}\nban\r\n\r\n"] {
      let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      #expect(MetadataReader.rawLines(text).map(String.init) == expected)
    }
  }

  @Test func trimsAsFoundationDoes() {
    for line in ["  Bộ Tài chính ", "Bộ Tài chính", "\u{00A0}Điều 1.\t", "_*ỦY BAN*_", "", " "] {
      #expect(MetadataReader.trimming(line, .whitespaces) == line.trimmingCharacters(in: .whitespaces))
      #expect(MetadataReader.trimming(line, MetadataReader.issuerPadding) == line.trimmingCharacters(in: CharacterSet(charactersIn: " _*")))
    }
  }

  @Test func findsTheMottoInEveryForm() {
    let motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    for line in [motto, motto.decomposedStringWithCanonicalMapping, "Cộng hòa xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc",
      "VĂN PHÒNG QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc", "ĐẢNG CỘNG SẢN VIỆT NAM"]
    {
      #expect(MetadataReader.isMotto(line), "\(line)")
    }
    for line in ["Hội đồng nhân dân tỉnh", "Xã hội hóa công tác", "Điều 1. Phạm vi điều chỉnh của Luật Hạnh phúc gia đình và xã hội học"] {
      #expect(!MetadataReader.isMotto(line), "\(line)")
    }
  }

  @Test func tellsCapitalsInEveryForm() {
    #expect(MetadataReader.isCapitals("BỘ TÀI CHÍNH"))
    #expect(MetadataReader.isCapitals("BỘ TÀI CHÍNH".decomposedStringWithCanonicalMapping))
    #expect(!MetadataReader.isCapitals("Bộ Tài chính"))
    #expect(!MetadataReader.isCapitals("BỘ TÀI CHÍNH, ả".decomposedStringWithCanonicalMapping))
  }
}
