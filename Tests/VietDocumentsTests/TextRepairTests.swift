import Foundation
import Testing
import VietTestSupport

@testable import VietDocuments

@Suite struct TextRepairTests {
  let repair = TextRepair()

  @Test(arguments: [
    // A dot below drawn as its own glyph after a space, inside and at the end of a syllable.
    ("Nghi \u{323} đi \u{323}nh", "Nghị định"),
    // A tone mark carried to the next line.
    ("Quyê\n\u{301}t đi\u{323}nh", "Quyết định"),
    ("Việt Nam", "Việt Nam"),
  ])
  func reattachesSeparatedMarks(_ input: String, _ expected: String) {
    #expect(repair.repair(page: input, isFirstPage: false).bytes == expected.bytes)
  }

  @Test func expandsLigatures() {
    #expect(repair.expandLigatures("e\u{FB03}cient \u{FB01}le").bytes == "efficient file".bytes)
  }

  @Test func joinsLinesWrappedInsideASentence() {
    let page = """
      Căn cứ Luật Đất đai số 31/2024/QH15 được sửa đổi, bổ sung một số điều
      bởi các Luật số 43/2024/QH15 và Luật số 47/2024/QH15, số 58/2024/QH15 và các
      Luật khác có liên quan đến đất đai của Quốc hội khóa XV;
      Điều 1. Phạm vi điều chỉnh
      1. Nghị định này quy định chi tiết.
      """
    let lines = repair.repair(page: page, isFirstPage: false).split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0].hasSuffix("các Luật khác có liên quan đến đất đai của Quốc hội khóa XV;"))
    #expect(lines[1] == "Điều 1. Phạm vi điều chỉnh")
  }

  @Test func keepsSymbolsBrokenAtTheirSeparator() {
    let page =
      "theo Nghị định số 15/2020/NĐ-\nCP của Chính phủ về xử phạt vi phạm hành chính trong lĩnh vực bưu chính"
    #expect(repair.repair(page: page, isFirstPage: false).contains("15/2020/NĐ-CP của"))
  }

  @Test(arguments: [
    // antiword -w 0: a table row's cells separated by a tab.
    "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BÌNH DƯƠNG\tĐộc lập - Tự do - Hạnh phúc\n\nSố: 09/2009/CT-UBND\tThủ Dầu Một, ngày 15 tháng 4 năm 2009\n\nCHỈ THỊ",
    // pdftotext -layout and tesseract: a wide gap of spaces.
    "ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BÌNH DƯƠNG          Độc lập - Tự do - Hạnh phúc\nSố: 09/2009/CT-UBND    Thủ Dầu Một, ngày 15 tháng 4 năm 2009\nCHỈ THỊ",
  ])
  func readsTwoColumnHeaderAsItsParts(_ page: String) {
    let lines = repair.repair(page: page, isFirstPage: true).split(separator: "\n").map(String.init)
    #expect(
      Array(lines.prefix(6)) == [
        "ỦY BAN NHÂN DÂN", "TỈNH BÌNH DƯƠNG", "Số: 09/2009/CT-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Thủ Dầu Một, ngày 15 tháng 4 năm 2009",
      ])
  }

  @Test func survivesNaughtyInput() {
    for input in [
      "", "\n\n\n", "\u{301}\u{323} \u{302}", "\r\n\u{200B}\u{FEFF}a\u{0}b",
      String(repeating: "-\n", count: 50),
    ] {
      let out = repair.repair(page: input, isFirstPage: true)
      #expect(out.unicodeScalars.count <= input.unicodeScalars.count + 2)
    }
  }
}
