import Testing
import VietEntities
import VietTestSupport

/// The tagger with the bundled tables, loaded once for all suites.
let tagger = try! EntityTagger.bundled()

func entities(_ text: String, _ label: EntityLabel) throws -> [Entity] {
  try tagger.entities(in: text).filter { $0.label == label }
}

@Suite struct DecreeCitationTests {
  @Test func partyCitationWithDateAndIssuerIsParsedIntoFields() throws {
    let text =
      "sơ kết 03 năm thực hiện Đề án số 11-ĐA/TU, ngày 06/12/2021 của Ban Thường vụ Thành ủy về nâng cao chất lượng"
    let found = try entities(text, .decree)
    #expect(found.map(\.text) == ["Đề án số 11-ĐA/TU, ngày 06/12/2021"])
    let citation = try #require(found.first?.decree)
    #expect(citation.type == "Đề án")
    #expect(citation.number == "11")
    #expect(citation.typeCode == "ĐA")
    #expect(citation.issuerCode == "TU")
    #expect(citation.issuedDate?.description == "2021-12-06")
    #expect(citation.year == 2021)
    #expect(citation.issuerName == "Ban Thường vụ Thành ủy")
    #expect(citation.reference == .full)
    // The issuer is a unit of its own, outside the citation.
    #expect(try entities(text, .unit).map(\.text) == ["Ban Thường vụ Thành ủy"])
  }

  @Test func stateSymbolsGiveYearAndCodes() throws {
    let found = try entities(
      "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ; Quyết định 923/QĐ-TTg ngày 14/5/2025 của Thủ tướng Chính phủ; Luật số 80/2015/QH13.",
      .decree)
    #expect(
      found.map(\.text) == [
        "Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020",
        "Quyết định 923/QĐ-TTg ngày 14/5/2025", "Luật số 80/2015/QH13",
      ])
    let decree = try #require(found[0].decree)
    #expect(
      decree.year == 2020 && decree.typeCode == "NĐ" && decree.issuerCode == "CP"
        && decree.issuedDate?.description == "2020-03-05")
    #expect(decree.issuerName == "Chính phủ")
    let decision = try #require(found[1].decree)
    #expect(
      decision.year == 2025 && decision.issuerCode == "TTg"
        && decision.issuerName == "Thủ tướng Chính phủ")
    let law = try #require(found[2].decree)
    #expect(
      law.type == "Luật" && law.number == "80" && law.year == 2015 && law.typeCode == nil
        && law.issuerCode == "QH13")
  }

  @Test func partyDateWithHyphensAndLeadingZerosAreRead() throws {
    let found = try entities(
      "Quy định số 66-QĐ/TW, ngày 6-2-2017 và Chỉ thị số 05-CT/TW của Bộ Chính trị", .decree)
    #expect(found.map(\.text) == ["Quy định số 66-QĐ/TW, ngày 6-2-2017", "Chỉ thị số 05-CT/TW"])
    #expect(found[0].decree?.issuedDate?.description == "2017-02-06")
    #expect(found[0].decree?.type == "Quy định")  // the type word decides, not the code QĐ
    #expect(found[1].decree?.number == "5")
    #expect(found[1].decree?.issuerName == "Bộ Chính trị")
  }

  @Test func headerNumbersTakeTheirTypeFromTheCode() throws {
    let found = try entities(
      "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA\nSố: 130/KH-UBND\nThanh Hoá, ngày 27 tháng 6 năm 2025",
      .decree)
    #expect(found.map(\.text) == ["Số: 130/KH-UBND"])
    #expect(found.first?.decree?.type == "Kế hoạch")
  }

  @Test func malformedAndStateStyleSeparatorsAreReadAndFlagged() throws {
    let found = try entities(
      "Hướng dẫn số 05-HD-TU ngày 26/11/2018 và Nghị Quyết số 22/NQ-TU ngày 08/6/2022", .decree)
    #expect(found.count == 2)
    #expect(found[0].decree?.isMalformed == true && found[0].decree?.issuerCode == "TU")
    #expect(
      found[1].decree?.hasNonstandardSeparator == true && found[1].decree?.type == "Nghị quyết")
    #expect(found[1].decree?.canonicalSymbol == "22-NQ/TU")
  }

  @Test func plenumCongressAndNamedDocumentsHaveNoNumber() throws {
    let found = try entities(
      "thực hiện Nghị quyết Trung ương 4 khóa XII, Nghị quyết Trung ương 6 (khóa X), Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng, Điều lệ Đảng và Luật Giao dịch điện tử số 20/2023/QH15.",
      .decree)
    #expect(
      found.map(\.text) == [
        "Nghị quyết Trung ương 4 khóa XII", "Nghị quyết Trung ương 6 (khóa X)",
        "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII", "Điều lệ Đảng",
        "Luật Giao dịch điện tử số 20/2023/QH15",
      ])
    #expect(
      found[0].decree?.plenum == "4" && found[0].decree?.term == "XII"
        && found[0].decree?.reference == .plenum)
    #expect(found[1].decree?.term == "X")
    #expect(found[2].decree?.reference == .congress && found[2].decree?.issuerName == "Đảng")
    #expect(found[3].decree?.reference == .name && found[3].decree?.type == "Điều lệ")
    #expect(found[4].decree?.year == 2023 && found[4].decree?.issuerCode == "QH15")
  }

  @Test func shortReMentionsResolveToTheFullCitationEvenBeforeIt() throws {
    let text = """
      Sóc Sơn thực hiện Đề án 11 của Thành ủy
      Huyện ủy Sóc Sơn sơ kết Đề án số 11-ĐA/TU ngày 6-12-2021 của Ban Thường vụ Thành ủy Hà Nội. \
      Kết quả thực hiện Đề án số 11 và Quy định số 31 được đánh giá cao.
      """
    let found = try entities(text, .decree)
    #expect(
      found.map(\.text) == [
        "Đề án 11", "Đề án số 11-ĐA/TU ngày 6-12-2021", "Đề án số 11", "Quy định số 31",
      ])
    #expect(
      found[0].decree?.reference == .short && found[0].decree?.resolvesTo == 1
        && found[0].decree?.resolvedSymbol == "11-ĐA/TU")
    #expect(found[2].decree?.resolvesTo == 1)
    // No "Quy định" with number 31 is cited in full here: unresolved, not guessed.
    #expect(found[3].decree?.resolvesTo == nil)
  }

  @Test func numbersThatCountTimeAreNotCitations() throws {
    #expect(
      try entities(
        "xây dựng Kế hoạch 5 năm và Chương trình 3 tháng; kế hoạch xây dựng “Chi bộ 4 tốt”", .decree
      ).isEmpty)
  }
}
