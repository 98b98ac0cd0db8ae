import Foundation
import SearchCore
import Testing
import VietDocuments
@_spi(Internals) import VietSearch
import VietTestSupport

/// Documents found, sorted and counted by their own metadata: `issued:`, `type:`, `issuer:`,
/// `--sort date`, and the year, type and issuer facets.
@Suite struct MetadataSearchTests {
  /// Real-shaped state and Party documents: headers as Công báo and the seed reports print them.
  static let documents: [(id: String, text: String, metadata: DocumentMetadata)] = [
    (
      "nd-117-2022",
      "Nghị định Biểu thuế xuất khẩu ưu đãi, Biểu thuế nhập khẩu ưu đãi đặc biệt của Việt Nam để thực hiện Hiệp định Thương mại tự do giữa Cộng hòa xã hội chủ nghĩa Việt Nam và Liên hiệp Vương quốc Anh và Bắc Ai-len.",
      DocumentMetadata(
        number: "117/2022/NĐ-CP", documentType: "NGHỊ ĐỊNH", issuer: "Chính phủ", place: "Hà Nội",
        issueDate: IssueDate(year: 2022, month: 12, day: 30), signer: "Lê Minh Khái")
    ),
    (
      "tt-40-2021",
      "Thông tư hướng dẫn thuế giá trị gia tăng, thuế thu nhập cá nhân và quản lý thuế đối với hộ kinh doanh, cá nhân kinh doanh.",
      DocumentMetadata(
        number: "40/2021/TT-BTC", documentType: "Thông tư", issuer: "Bộ Tài chính", place: "Hà Nội",
        issueDate: IssueDate(year: 2021, month: 6, day: 1))
    ),
    (
      "kh-130-2021",
      "Kế hoạch nâng cao chất lượng sinh hoạt chi bộ trong Đảng bộ tỉnh; các chi bộ sinh hoạt định kỳ hằng tháng.",
      DocumentMetadata(
        number: "130-KH/TU", documentType: "Kế hoạch", issuer: "Tỉnh ủy Lào Cai", place: "Lào Cai",
        issueDate: IssueDate(year: 2021, month: 3, day: 15))
    ),
    (
      "kh-12-2024",
      "Kế hoạch tổ chức sinh hoạt chi bộ chuyên đề năm 2024 tại các chi bộ trực thuộc.",
      DocumentMetadata(
        number: "12-KH/HU", documentType: "Kế hoạch", issuer: "Huyện ủy Đà Bắc",
        issueDate: IssueDate(year: 2024, month: 3, day: 5))
    ),
    (
      "bc-undated",
      "Báo cáo kết quả sinh hoạt chi bộ, sinh hoạt chi bộ định kỳ và sinh hoạt chi bộ chuyên đề của chi bộ khu dân cư.",
      DocumentMetadata(documentType: "Báo cáo", issuer: "Đảng ủy phường Tây Hồ")
    ),
    ("no-metadata", "Chi bộ sinh hoạt định kỳ; đảng viên phát biểu ý kiến.", DocumentMetadata()),
  ]

  static func build(flushEvery: Int? = nil, merge: Bool = false) throws -> ScratchIndex {
    let index = ScratchIndex()
    let writer = try SearchIndexWriter(path: index.path, create: true, tagger: nil)
    if let flushEvery { writer.writer.flushThreshold = flushEvery }
    for document in documents {
      try writer.add(
        id: document.id, text: Array(document.text.utf8),
        metadata: document.metadata == DocumentMetadata() ? nil : document.metadata)
    }
    try writer.commit()
    if merge { try writer.mergeAll() }
    return index
  }

  @Test(arguments: [
    ("issued:2021", ["kh-130-2021", "tt-40-2021"]),
    ("issued:2021-03", ["kh-130-2021"]),
    ("issued:2021-03-15", ["kh-130-2021"]),
    ("issued:2021-03-16", []),
    ("issued:2021-04..2022-12", ["nd-117-2022", "tt-40-2021"]),
    ("issued:2021-06-01..2021-06-01", ["tt-40-2021"]),
    ("issued:2022..", ["kh-12-2024", "nd-117-2022"]),
    ("issued:..2021-05", ["kh-130-2021"]),
    ("issued:\"2024\"", ["kh-12-2024"]),
    ("-issued:2021 issued:2020..2030", ["kh-12-2024", "nd-117-2022"]),
  ])
  func issuedFiltersByYearMonthDayAndRange(query: String, expected: [String]) throws {
    let index = try Self.build()
    defer { index.cleanUp() }
    #expect(try index.ids(query).sorted() == expected)
  }

  @Test(arguments: [
    ("type:\"nghị định\"", ["nd-117-2022"]),
    ("type:\"Nghị định\"", ["nd-117-2022"]),
    ("type:\"nghi dinh\"", ["nd-117-2022"]),
    ("type:\"KẾ HOẠCH\"", ["kh-12-2024", "kh-130-2021"]),
    ("type:\"Kế\"", []),
    ("issuer:\"Bộ Tài chính\"", ["tt-40-2021"]),
    ("issuer:\"tai chinh\"", ["tt-40-2021"]),
    ("issuer:\"Tỉnh ủy Lào Cai\"", ["kh-130-2021"]),
    ("issuer:\"Tỉnh uỷ Lào Cai\"", ["kh-130-2021"]),
    ("issuer:\"Lào Cai\" type:\"Kế hoạch\" sinh hoat chi bo", ["kh-130-2021"]),
    ("issued:2021 type:\"Kế hoạch\" sinh hoat chi bo", ["kh-130-2021"]),
  ])
  func typeAndIssuerFilterFoldedAndCaseInsensitive(query: String, expected: [String]) throws {
    let index = try Self.build()
    defer { index.cleanUp() }
    #expect(try index.ids(query).sorted() == expected)
  }

  @Test func sortByDateIsNewestFirstUndatedLastTiesByScore() throws {
    let index = try Self.build()
    defer { index.cleanUp() }
    let search = try index.open()
    let byDate = try search.search("\"sinh hoạt chi bộ\"", limit: 10, snippets: false, order: .date)
      .hits.map(\.id)
    #expect(byDate == ["kh-12-2024", "kh-130-2021", "bc-undated"])
    // Undated documents keep their order by relevance among themselves.
    let undated = try search.search("chi bộ", limit: 10, snippets: false, order: .date).hits.map(
      \.id)
    let relevance = try search.search("chi bộ", limit: 10, snippets: false).hits.map(\.id)
    #expect(undated.prefix(2) == ["kh-12-2024", "kh-130-2021"])
    #expect(
      Array(undated.dropFirst(2)) == relevance.filter { $0 == "bc-undated" || $0 == "no-metadata" })
    // Paging by date: the second page follows the first.
    let second = try search.search("chi bộ", limit: 2, offset: 2, snippets: false, order: .date)
      .hits.map(\.id)
    #expect(second == Array(undated.dropFirst(2)))
  }

  @Test func facetsCountYearsTypesAndIssuersOfAllMatches() throws {
    let index = try Self.build()
    defer { index.cleanUp() }
    let response = try index.open().search("issued:2000..2030", limit: 1, facetLimit: 10)
    #expect(response.total == 4)
    let years = (response.facets[.issued] ?? []).map { "\($0.label)=\($0.documents)" }
    #expect(years == ["2021=2", "2024=1", "2022=1"])
    let types = Dictionary(
      uniqueKeysWithValues: (response.facets[.type] ?? []).map { ($0.label, $0.documents) })
    #expect(types == ["Kế hoạch": 2, "Thông tư": 1, "NGHỊ ĐỊNH": 1])
    let issuers = (response.facets[.issuer] ?? []).map(\.label).sorted()
    #expect(issuers == ["Bộ Tài chính", "Chính phủ", "Huyện ủy Đà Bắc", "Tỉnh ủy Lào Cai"])
    // Each facet's filter finds its documents again.
    for facet in (response.facets[.issued] ?? []) + (response.facets[.type] ?? [])
      + (response.facets[.issuer] ?? [])
    {
      #expect(
        try index.open().search(facet.filter + " issued:2000..2030", limit: 0).total
          == facet.documents, "\(facet.filter)")
    }
  }

  @Test func metadataIsStoredWithTheDocumentAndSurvivesAMerge() throws {
    for (flushEvery, merge) in [(nil, false), (1, true)] as [(Int?, Bool)] {
      let index = try Self.build(flushEvery: flushEvery, merge: merge)
      defer { index.cleanUp() }
      let search = try index.open()
      let hit = try #require(try search.search("issuer:\"Chính phủ\"", limit: 1).hits.first)
      let metadata = try #require(hit.metadata)
      #expect(metadata.number?.bytes == "117/2022/NĐ-CP".bytes)
      #expect(metadata.documentType?.bytes == "NGHỊ ĐỊNH".bytes)
      #expect(metadata.issuer?.bytes == "Chính phủ".bytes)
      #expect(metadata.place?.bytes == "Hà Nội".bytes)
      #expect(metadata.signer?.bytes == "Lê Minh Khái".bytes)
      #expect(metadata.issueDate?.description == "2022-12-30")
      #expect(try search.document(id: "tt-40-2021")?.metadata?.number == "40/2021/TT-BTC")
      #expect(try search.document(id: "no-metadata")?.metadata == nil)
    }
  }

  @Test(arguments: [
    ("issued:2024-13", "no month 13"),
    ("issued:abc", "not a date"),
    ("issued:2024-02-30", "no day 30"),
    ("issued:2025..2024", "ends before it starts"),
    ("issued:..", "at least one end"),
    ("issued:2024*", "not a date"),
    ("foo:bar", "unknown field 'foo:'"),
    ("Tittle:\"sinh hoạt\"", "unknown field 'tittle:'"),
  ])
  func badFilterValuesAreQueryErrors(query: String, expected: String) {
    #expect {
      try QueryParser().parse(query)
    } throws: { error in
      (error as? QuerySyntaxError)?.message.contains(expected) == true
    }
  }

  @Test(arguments: [
    "10:30", "https://vanban.chinhphu.vn/?docid=1", "\"foo:bar\"", "Số:130", "Kết luận: chi bộ",
    "NĐ-CP:2020",
  ])
  func colonsThatAreNoFieldStayText(query: String) throws {
    let nodes = try QueryParser().parse(query)
    #expect(
      nodes.allSatisfy { if case .text(_, .body, _, _) = $0 { true } else { false } }, "\(nodes)")
  }

  @Test func unknownFieldErrorListsTheFields() {
    #expect {
      try QueryParser().parse("đảng viên foo:bar")
    } throws: { error in
      guard let error = error as? QuerySyntaxError else { return false }
      return error.column == 11
        && ["title:", "cites:", "official:", "unit:", "issued:", "type:", "issuer:"].allSatisfy(
          error.message.contains)
    }
  }
}
