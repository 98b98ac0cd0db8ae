import Testing
import VietEntities
import VietTestSupport

/// Issue 20: units by their grammar rather than by list, amending laws, citations without codes,
/// date ranges and the relation a text states. Sentences are from the issue's reports, Công báo
/// texts of the gov corpus and provincial Party news.
@Suite struct UnitGrammarTests {
  @Test(arguments: [
    ("Đảng bộ Bộ Tư pháp tổ chức Đại hội đại biểu lần thứ XIV.", "Đảng bộ Bộ Tư pháp"),
    (
      "Trường Chính trị tỉnh Nghệ An khai giảng lớp trung cấp lý luận chính trị.",
      "Trường Chính trị tỉnh Nghệ An"
    ),
    (
      "Văn phòng Đảng ủy Viện Kiểm sát nhân dân tối cao tham mưu tổ chức hội nghị.",
      "Văn phòng Đảng ủy Viện Kiểm sát nhân dân tối cao"
    ),
    (
      "Ngày 13/12, Đảng ủy Bộ đội Biên phòng (BĐBP) tỉnh tổ chức hội nghị phiên cuối năm.",
      "Đảng ủy Bộ đội Biên phòng (BĐBP) tỉnh"
    ),
    ("Năm 2021, Đảng ủy BĐBP tỉnh đã lãnh đạo, chỉ đạo triển khai nhiệm vụ.", "Đảng ủy BĐBP tỉnh"),
    ("Theo đề nghị của Vụ trưởng Vụ Bảo hiểm xã hội,", "Vụ Bảo hiểm xã hội"),
    (
      "Theo đề nghị của Cục trưởng Cục Tiền lương và Bảo hiểm xã hội;",
      "Cục Tiền lương và Bảo hiểm xã hội"
    ),
    (
      "Kỷ niệm 34 năm Ngày thành lập Hội Cựu chiến binh Việt Nam (6/12/1989 – 6/12/2023).",
      "Hội Cựu chiến binh Việt Nam"
    ),
    (
      "Hội Cựu chiến binh Khối cơ quan và doanh nghiệp tỉnh được thành lập theo Quyết định số 135.",
      "Hội Cựu chiến binh Khối cơ quan và doanh nghiệp tỉnh"
    ),
    (
      "Tham dự có lãnh đạo Trung ương Hội Liên hiệp Phụ nữ Việt Nam; các sở, ban, ngành",
      "Trung ương Hội Liên hiệp Phụ nữ Việt Nam"
    ),
    (
      "dự thảo Báo cáo chính trị của Ban Chấp hành Trung ương Hội Liên hiệp Phụ nữ Việt Nam khóa XIII và",
      "Ban Chấp hành Trung ương Hội Liên hiệp Phụ nữ Việt Nam khóa XIII"
    ),
    (
      "Ban Thường vụ Đảng ủy Khối cơ quan và doanh nghiệp tỉnh tặng hoa chúc mừng.",
      "Ban Thường vụ Đảng ủy Khối cơ quan và doanh nghiệp tỉnh"
    ),
  ])
  func unknownNamesAndNestingAreOneSpan(_ text: String, _ unit: String) throws {
    #expect(try entities(text, .unit).map(\.text) == [unit])
  }

  /// Shapes met in the first kept-apart documents once they joined the training data: numbered
  /// military formations, the people's forces, named Party committees before "trực thuộc",
  /// fields joined by a glued dash.
  @Test(arguments: [
    ("Tham dự có đại diện Trung đoàn 855 và các đơn vị bạn.", ["Trung đoàn 855"]),
    ("Bộ Tư lệnh Quân khu 4 tổ chức hội nghị tổng kết.", ["Bộ Tư lệnh Quân khu 4"]),
    (
      "đối với Quân đội nhân dân, Công an nhân dân và người làm công tác cơ yếu",
      ["Quân đội nhân dân", "Công an nhân dân"]
    ),
    (
      "Đảng bộ Chính phủ trực thuộc Ban Chấp hành Trung ương.",
      ["Đảng bộ Chính phủ", "Ban Chấp hành Trung ương"]
    ),
    (
      "gồm Đảng bộ Thanh tra Chính phủ; Đảng bộ Bộ Dân tộc-Tôn giáo; Đảng bộ Văn phòng Chính phủ.",
      ["Đảng bộ Thanh tra Chính phủ", "Đảng bộ Bộ Dân tộc-Tôn giáo", "Đảng bộ Văn phòng Chính phủ"]
    ),
    ("Ý kiến của Hội đồng Lý luận Trung ương đã được tiếp thu.", ["Hội đồng Lý luận Trung ương"]),
  ])
  func formationsAndNamedCommitteesAreUnits(_ text: String, _ units: [String]) throws {
    #expect(try entities(text, .unit).map(\.text) == units)
  }

  @Test func headsWithoutANameStayGeneric() throws {
    #expect(
      try entities("Tỉnh ủy chỉ đạo các đảng bộ trực thuộc rà soát.", .unit).map(\.text) == [
        "Tỉnh ủy"
      ])
    #expect(try entities("Kiện toàn chi bộ cơ sở trực thuộc.", .unit).isEmpty)
  }

  @Test func titleChainsRunThroughMembershipAbbreviations() throws {
    let text =
      "Tới dự hội nghị có Đại tá Nguyễn Ngọc Thạch, TVTU, Chỉ huy trưởng Bộ Chỉ huy quân sự tỉnh."
    #expect(
      try entities(text, .official).map(\.text) == [
        "Đại tá Nguyễn Ngọc Thạch, TVTU, Chỉ huy trưởng Bộ Chỉ huy quân sự tỉnh"
      ])
    let second = "Đại tá Lưu Đức Hùng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh phát biểu tại hội nghị."
    #expect(
      try entities(second, .official).map(\.text) == [
        "Đại tá Lưu Đức Hùng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh"
      ])
  }

  @Test func namesOfThe2025ReorganisationAreUnits() throws {
    let text =
      "Đồng chí Phạm Văn Tùng, Ủy viên Ban Thường vụ Đảng ủy các cơ quan Đảng tỉnh, Chánh Văn phòng Đảng ủy các cơ quan Đảng tỉnh phát biểu."
    let found = try entities(text, .official)
    #expect(
      found.map(\.text) == [
        "Phạm Văn Tùng, Ủy viên Ban Thường vụ Đảng ủy các cơ quan Đảng tỉnh, Chánh Văn phòng Đảng ủy các cơ quan Đảng tỉnh"
      ])
    #expect(found.first?.official?.unit == "Ban Thường vụ Đảng ủy các cơ quan Đảng tỉnh")
    #expect(
      try entities("Đảng ủy các cơ quan Đảng tỉnh ban hành kế hoạch.", .unit).map(\.text) == [
        "Đảng ủy các cơ quan Đảng tỉnh"
      ])
  }

  @Test func aTitleSuffixIsNoOrganAndHeadersAreNoUnits() throws {
    // "Thường trực" after "Thứ trưởng" qualifies the post.
    #expect(
      try entities(
        "được bổ nhiệm giữ chức Thứ trưởng Thường trực Bộ Nông nghiệp và Môi trường.", .unit
      ).map(\.text) == [
        "Bộ Nông nghiệp và Môi trường"
      ])
    // The national motto's words are no body, and "UBND cấp tỉnh" is generic.
    #expect(
      try entities("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", .unit).isEmpty
    )
    // Also when the header's two columns break "XÃ HỘI" over two lines (an HĐND resolution).
    #expect(
      try entities(
        "TỈNH TRÀ VINH\n--------\n|\nCỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập", .unit
      ).map(\.text) == [])
    #expect(try entities("các bộ, cơ quan ngang bộ, Ủy ban nhân dân cấp tỉnh", .unit).isEmpty)
    // A header's lines are units of their own.
    #expect(
      try entities("BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 09-QC/TW", .unit).map(
        \.text) == [
          "BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐẢNG CỘNG SẢN VIỆT NAM",
        ])
  }

  @Test func aRankAfterACommaStartsTheName() throws {
    let found = try entities(
      "Cùng dự có: Ủy viên Bộ Chính trị, Bộ trưởng Bộ Quốc phòng, Đại tướng Phan Văn Giang; và các lãnh đạo.",
      .official)
    #expect(
      found.map(\.text) == [
        "Ủy viên Bộ Chính trị, Bộ trưởng Bộ Quốc phòng, Đại tướng Phan Văn Giang"
      ])
    #expect(found.first?.official?.name == "Đại tướng Phan Văn Giang")
  }

  @Test func agencyNamesRunThroughTheirWords() throws {
    #expect(
      try entities(
        "Cục Hàng không Việt Nam công bố mở cửa; Tổng cục Hậu cần và Cục An ninh chính trị nội bộ phối hợp.",
        .unit
      )
      .map(\.text) == [
        "Cục Hàng không Việt Nam", "Tổng cục Hậu cần", "Cục An ninh chính trị nội bộ",
      ])
    // A portal's or a newspaper's name is no unit.
    #expect(try entities("đăng trên Cổng thông tin điện tử Đảng Cộng sản Việt Nam", .unit).isEmpty)
  }

  @Test func aGazetteHeaderIsNoOfficial() throws {
    let text =
      "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nCÔNG BÁO/Số 755 + 756/Ngày 17-6-2025\n\nĐiều 2. Tổ chức thực hiện"
    #expect(try entities(text, .official).isEmpty)
    #expect(try entities(text, .decree).isEmpty)
  }

  @Test func aProvinceIsNoPersonsName() throws {
    #expect(try entities("Giám đốc Công an Thành phố Hồ Chí Minh;", .official).isEmpty)
    #expect(
      try entities("Giám đốc Công an Thành phố Hồ Chí Minh;", .unit).map(\.text) == [
        "Công an Thành phố Hồ Chí Minh"
      ])
    #expect(try entities("Bí thư Tỉnh ủy Hà Giang, ông Triệu Tài Vinh tới dự.", .official).isEmpty)
    #expect(
      try entities("Cùng dự có lãnh đạo Hà Nội, Phó Thủ tướng Chính phủ và các bộ.", .official)
        .isEmpty)
    // The president is a person: "Chủ tịch Hồ Chí Minh" is an official, as the train files mark him.
    #expect(
      try entities("chào mừng 132 năm Ngày sinh Chủ tịch Hồ Chí Minh vĩ đại", .official).map(\.text)
        == ["Chủ tịch Hồ Chí Minh"])
  }
}

@Suite struct CitationRuleTests {
  @Test func amendingLawsAreOneSpan() throws {
    let found = try entities(
      "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đất đai ngày 29 tháng 6 năm 2024;\nCăn cứ Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật\nViên chức ngày 25 tháng 11 năm 2019;",
      .decree)
    #expect(
      found.map(\.text) == [
        "Luật sửa đổi, bổ sung một số điều của Luật Đất đai ngày 29 tháng 6 năm 2024",
        "Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật\nViên chức ngày 25 tháng 11 năm 2019",
      ])
    #expect(found.first?.decree?.issuedDate?.description == "2024-06-29")
    #expect(found.allSatisfy { $0.decree?.relation == "căn cứ" })
  }

  @Test func anAmendingLawKeepsItsOwnSymbolAndIssuersRunOn() throws {
    let found = try entities(
      "Căn cứ Luật sửa đổi Luật Doanh nghiệp số 76/2025/QH15;\nCăn cứ Thông tư liên tịch số 72/2011/TTLT-BTC-BGTVT ngày 27 tháng 5 năm 2011 của Bộ trưởng Bộ Tài chính và Bộ trưởng Bộ Giao thông vận tải;\nXét Tờ trình số 279/TTr-HĐND ngày 11 tháng 9 năm 2025 của Ban Pháp chế của Hội đồng nhân dân tỉnh;\nSố: 01/2025/TT-BLĐTBXH",
      .decree)
    #expect(found.first?.text == "Luật sửa đổi Luật Doanh nghiệp số 76/2025/QH15")
    #expect(found.first?.decree?.number == "76" && found.first?.decree?.issuerCode == "QH15")
    #expect(
      found[1].decree?.issuerName == "Bộ trưởng Bộ Tài chính và Bộ trưởng Bộ Giao thông vận tải")
    #expect(found[2].decree?.issuerName == "Ban Pháp chế của Hội đồng nhân dân tỉnh")
    // "TT" in a state symbol is a thông tư; in a Party symbol a thông tri.
    #expect(found[3].decree?.type == "Thông tư")
  }

  @Test func numberAndYearWithoutCodes() throws {
    let found = try entities(
      "Thực hiện Nghị quyết số 57/2025 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ",
      .decree)
    #expect(found.map(\.text) == ["Nghị quyết số 57/2025"])
    let citation = try #require(found.first?.decree)
    #expect(citation.number == "57" && citation.year == 2025 && citation.typeCode == nil)
    #expect(citation.issuerName == "Bộ Chính trị")
    #expect(citation.relation == "thực hiện")
  }

  @Test func lawNamesAcrossLineBreaksAndStraySpaces() throws {
    let found = try entities(
      "Căn cứ Luật Tiếp cận thông tin mạng số 104/2016/QH13;\nCăn cứ Luật tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nQuyết định số 12/2017/QĐ-UBND ngày 25/7/ 2017 của Ủy ban nhân dân tỉnh",
      .decree)
    #expect(
      found.map(\.text) == [
        "Luật Tiếp cận thông tin mạng số 104/2016/QH13",
        "Luật tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
        "Quyết định số 12/2017/QĐ-UBND ngày 25/7/ 2017",
      ])
    #expect(found.last?.decree?.issuedDate?.description == "2017-07-25")
  }

  @Test(arguments: [
    (
      "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;",
      "căn cứ"
    ),
    ("Triển khai Kết luận số 57-KL/TW, ngày 15/6/2023 của Bộ Chính trị,", "thực hiện"),
    (
      "Quyết định này thay thế Quyết định số 45/2006/QĐ-TTg ngày 28 tháng 02 năm 2006 của Thủ tướng Chính phủ.",
      "thay thế"
    ),
    ("bãi bỏ Chỉ thị số 05/CT-UBND ngày 12/3/2019 của Ủy ban nhân dân tỉnh.", "bãi bỏ"),
    ("Thông tư này hướng dẫn thi hành Nghị định số 15/2020/NĐ-CP.", "hướng dẫn"),
    ("sửa đổi, bổ sung khoản 2 Điều 5 của Nghị định số 15/2020/NĐ-CP như sau:", "sửa đổi, bổ sung"),
  ])
  func relationIsWhatTheTextSays(_ text: String, _ relation: String) throws {
    let found = try entities(text, .decree)
    #expect(found.count == 1)
    #expect(Array((found.first?.decree?.relation ?? "").utf8) == Array(relation.utf8))
  }

  @Test func aCanCuListSharesItsRelation() throws {
    let found = try entities(
      "Căn cứ:\n- Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\n- Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;\n- Hướng dẫn số 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng.\nKế hoạch số 5-KH/TU được ban hành.",
      .decree)
    #expect(found.map { $0.decree?.relation } == ["căn cứ", "căn cứ", "căn cứ", nil])
    // Inside a "Căn cứ" clause, a document named on the way is a basis too.
    let nested = try entities(
      "Căn cứ Nghị định số 115/2015/NĐ-CP ngày 11 tháng 11 năm 2015 của Chính phủ quy định chi tiết một số điều của Luật Bảo hiểm xã hội;",
      .decree)
    #expect(nested.map { $0.decree?.relation } == ["căn cứ", "căn cứ"])
  }
}

@Suite struct DateRangeTests {
  @Test(arguments: [
    (
      "hội nghị diễn ra từ ngày 1 đến ngày 3/7/2025 tại Hà Nội", "1 đến ngày 3/7/2025",
      "2025-07-01..2025-07-03"
    ),
    (
      "thời gian từ ngày 01 tháng 01 năm 2025 đến ngày 31 tháng 12 năm 2025.",
      "01 tháng 01 năm 2025 đến ngày 31 tháng 12 năm 2025", "2025-01-01..2025-12-31"
    ),
    ("từ ngày 28/12 đến ngày 3/1/2025", "28/12 đến ngày 3/1/2025", "2024-12-28..2025-01-03"),
    (
      "Chủ tịch Hồ Chí Minh vĩ đại (19/5/1890 - 19/5/2022)!", "19/5/1890 - 19/5/2022",
      "1890-05-19..2022-05-19"
    ),
    (
      "Đại hội diễn ra trong 2 ngày 10 và 11-8 với các nội dung", "10 và 11-8",
      "XXXX-08-10..XXXX-08-11"
    ),
    ("(GLO)- Sáng nay (10-8), Đại hội đại biểu Đảng bộ", "10-8", "XXXX-08-10"),
    ("Thứ hai, 27 Tháng 6, 2022 - 07:14", "27 Tháng 6, 2022", "2022-06-27"),
  ])
  func rangesAreOneDate(_ text: String, _ span: String, _ value: String) throws {
    let found = try entities(text, .date)
    #expect(found.map(\.text) == [span])
    #expect(found.first?.date?.description == value)
  }

  @Test func aQuarterIsNoDate() throws {
    #expect(try entities("Trong quý 3/2020, Đảng ủy quân sự tỉnh đã quán triệt", .date).isEmpty)
  }
}

/// Shapes read off the errors of `train3` (the second kept-apart set, once it joined training)
/// and of the `train4` documents: symbols the tokenizer splits, official letters' codes, joint
/// resolutions, congresses of delegates, law names closed by their symbol or date.
@Suite struct CitationShapeTests {
  @Test func symbolsSplitByALineBreakOrADotAreOneSymbol() throws {
    let broken = try entities(
      "Căn cứ Nghị định số 45/2024/NĐ-\nCP ngày 10 tháng 4 năm 2024 của Chính phủ;", .decree)
    #expect(
      broken.map(\.text.bytes) == ["Nghị định số 45/2024/NĐ-\nCP ngày 10 tháng 4 năm 2024".bytes])
    #expect(
      broken.first?.decree?.symbol == "45/2024/NĐ-CP" && broken.first?.decree?.issuerCode == "CP")
    let dotted = try entities(
      "Thực hiện Nghị quyết số 12.5/2025/NQ-CP ngày 3 tháng 2 năm 2025 của Chính phủ", .decree)
    #expect(dotted.map(\.text) == ["Nghị quyết số 12.5/2025/NQ-CP ngày 3 tháng 2 năm 2025"])
    #expect(dotted.first?.decree?.number == "12.5" && dotted.first?.decree?.year == 2025)
  }

  @Test func anOfficialLettersCodeIsItsIssuer() throws {
    let found = try entities(
      "Theo Văn bản số 1205/STC-QLNS ngày 15/7/2025 của Sở Tài chính và Kế hoạch số 130/KH-UBND",
      .decree)
    #expect(found.count == 2)
    #expect(found[0].decree?.typeCode == nil && found[0].decree?.issuerCode == "STC-QLNS")
    #expect(found[0].decree?.type == "Văn bản")
    // A real type code stays one.
    #expect(found[1].decree?.typeCode == "KH" && found[1].decree?.issuerCode == "UBND")
  }

  @Test func aJointResolutionKeepsItsTypeCodesAndIssuers() throws {
    let found = try entities(
      "Căn cứ Nghị quyết liên tịch số 09/2024/NQLT/UBTVQH15-CP ngày 1 tháng 3 năm 2024 của Ủy ban Thường vụ Quốc hội và Chính phủ;",
      .decree)
    let citation = try #require(found.first?.decree)
    #expect(citation.type == "Nghị quyết liên tịch")
    #expect(citation.typeCode == "NQLT" && citation.issuerCode == "UBTVQH15-CP")
    #expect(citation.issuerName == "Ủy ban Thường vụ Quốc hội và Chính phủ")
  }

  @Test func issuersFoldLineBreaksAndCongressesIssue() throws {
    let folded = try entities(
      "Căn cứ Thông tư số 12/2023/TT-BNV ngày 5 tháng 3 năm 2023 của Bộ\ntrưởng Bộ Nội vụ;", .decree
    )
    #expect(folded.first?.decree?.issuerName.map(\.bytes) == "Bộ trưởng Bộ Nội vụ".bytes)
    let congress = try entities(
      "Thực hiện Nghị quyết số 05-NQ/ĐH ngày 20/9/2025 của Đại hội Đảng bộ tỉnh Lạng Sơn lần thứ XVIII, Tỉnh ủy lãnh đạo",
      .decree)
    #expect(congress.first?.decree?.issuerName == "Đại hội Đảng bộ tỉnh Lạng Sơn lần thứ XVIII")
  }

  @Test func aDateWithoutItsYearClosesACitation() throws {
    let found = try entities(
      "Thông báo số 415-TB/TU ngày 12/8 của Thường trực Huyện ủy về lịch tiếp công dân.", .decree)
    #expect(found.map(\.text) == ["Thông báo số 415-TB/TU ngày 12/8"])
    #expect(found.first?.decree?.issuedDate?.description == "XXXX-08-12")
    #expect(found.first?.decree?.year == nil)
  }

  @Test(arguments: [
    (
      "các chi bộ đưa Nghị quyết Đại hội đại biểu Đảng bộ thị xã lần thứ XIX vào cuộc sống",
      "Nghị quyết Đại hội đại biểu Đảng bộ thị xã lần thứ XIX", "XIX"
    ),
    (
      "CHƯƠNG TRÌNH HÀNH ĐỘNG VỀ NGHỊ QUYẾT ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ TỈNH LẦN THỨ XVI, NHIỆM KỲ 2020-2025",
      "NGHỊ QUYẾT ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ TỈNH LẦN THỨ XVI", "XVI"
    ),
  ])
  func congressesOfDelegatesAreCited(_ text: String, _ span: String, _ congress: String) throws {
    let found = try entities(text, .decree)
    #expect(found.map(\.text) == [span])
    #expect(found.first?.decree?.congress == congress)
    #expect(try entities(text, .unit).isEmpty)
  }

  @Test(arguments: [
    (
      "Đoàn công tác làm việc theo Luật Hoạt động giám sát của Quốc hội và HĐND, bắt đầu từ tuần sau.",
      "Luật Hoạt động giám sát của Quốc hội và HĐND"
    ),
    ("Chính phủ trình dự án Luật Đất đai (sửa đổi) tại kỳ họp.", "Luật Đất đai (sửa đổi)"),
    (
      "Căn cứ Luật sửa đổi, bổ sung một số điều của 9 luật về tài chính, ngân sách ngày 29 tháng 11 năm 2024;",
      "Luật sửa đổi, bổ sung một số điều của 9 luật về tài chính, ngân sách ngày 29 tháng 11 năm 2024"
    ),
    ("theo quy định của Luật Thi đua, khen thưởng.", "Luật Thi đua, khen thưởng"),
    ("theo Luật Phòng, chống\nmua bán người.", "Luật Phòng"),
    (
      "Căn cứ Luật Quản lý và sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ số 42/2024/QH15;",
      "Luật Quản lý và sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ số 42/2024/QH15"
    ),
    ("chi bộ học tập điều lệ Đảng vào mỗi kỳ sinh hoạt", "điều lệ Đảng"),
  ])
  func lawNamesRunToWhatClosesThem(_ text: String, _ span: String) throws {
    #expect(try entities(text, .decree).map(\.text) == [span])
  }

  @Test func aPlenumsResolutionRunsToTheTermItsBodyTook() throws {
    let text =
      "Chi bộ học tập Nghị quyết Hội nghị lần thứ 8 Ban Chấp hành Trung ương Đảng (khóa XIII) về chiến lược bảo vệ Tổ quốc."
    let found = try entities(text, .decree)
    #expect(
      found.map(\.text) == [
        "Nghị quyết Hội nghị lần thứ 8 Ban Chấp hành Trung ương Đảng (khóa XIII)"
      ])
    #expect(found.first?.decree?.plenum == "8" && found.first?.decree?.term == "XIII")
    #expect(try entities(text, .unit).isEmpty)
  }

  @Test func aHeaderLineIsNoLawName() throws {
    let found = try entities(
      "VĂN BẢN QUY PHẠM PHÁP LUẬT\n\nBỘ TÀI CHÍNH\nSố: 20/2025/TT-BTC", .decree)
    #expect(found.map(\.text) == ["Số: 20/2025/TT-BTC"])
  }
}

@Suite struct UnitShapeTests {
  @Test(arguments: [
    (
      "Ban Thường vụ Thành Đoàn TP.HCM phối hợp với Đảng ủy UBND TPHCM và Thành ủy TP HCM.",
      ["Ban Thường vụ Thành Đoàn TP.HCM", "Đảng ủy UBND TPHCM", "Thành ủy TP HCM"]
    ),
    ("Sở Y tế TP. HCM báo cáo HĐND TP.", ["Sở Y tế TP. HCM", "HĐND TP"]),
    (
      "Đảng ủy Quân sự Trung ương họp; Hội đồng Đội Trung ương phát động; Ban Bí thư Trung ương Đoàn quyết định.",
      ["Đảng ủy Quân sự Trung ương", "Hội đồng Đội Trung ương", "Ban Bí thư Trung ương Đoàn"]
    ),
    (
      "Công an Quảng Ninh phối hợp với Bộ đội Biên phòng Kiên Giang.",
      ["Công an Quảng Ninh", "Bộ đội Biên phòng Kiên Giang"]
    ),
    (
      "Đoàn công tác của Tỉnh ủy Cao Bằng, Lạng Sơn và Hà Giang; Sở Tư pháp, Nội vụ, Tài chính phối hợp.",
      ["Tỉnh ủy Cao Bằng, Lạng Sơn và Hà Giang", "Sở Tư pháp, Nội vụ, Tài chính"]
    ),
    (
      "Hội nghị lần thứ nhất của Ban Chấp hành đã bầu Ban Thường vụ gồm 11 đồng chí.",
      ["Ban Chấp hành", "Ban Thường vụ"]
    ),
    (
      "Sở Nội vụ và Tư pháp phối hợp; Vụ Tổ chức cán bộ và Thanh tra Bộ kiểm tra.",
      ["Sở Nội vụ và Tư pháp", "Vụ Tổ chức cán bộ"]
    ),
    (
      "Giao Phòng Kế hoạch - Tài chính, Cục Kế hoạch và tài chính và Vụ Kế hoạch Tài chính tổng hợp.",
      ["Phòng Kế hoạch - Tài chính", "Cục Kế hoạch và tài chính", "Vụ Kế hoạch Tài chính"]
    ),
    (
      "Tiến hành đại hội đảng bộ các cấp\nĐảng ủy Quân sự tỉnh hoàn thành đại hội.",
      ["Đảng ủy Quân sự tỉnh"]
    ),
    (
      "Hôm qua, Thường trực HĐND các tỉnh Hòa Bình, Sơn La và Điện Biên đã giám sát; UBND các tỉnh, thành phố báo cáo.",
      ["Thường trực HĐND các tỉnh Hòa Bình, Sơn La và Điện Biên"]
    ),
    (
      "NGHỊ QUYẾT CỦA HỘI ĐỒNG NHÂN DÂN TỈNH VÀ BAN THƯỜNG VỤ TỈNH ỦY",
      ["HỘI ĐỒNG NHÂN DÂN TỈNH", "BAN THƯỜNG VỤ TỈNH ỦY"]
    ),
    ("Sau hội nghị, Thường trực Ban Bí thư làm việc với tỉnh.", ["Ban Bí thư"]),
  ])
  func citiesCentralBodiesAndSharedHeads(_ text: String, _ units: [String]) throws {
    #expect(try entities(text, .unit).map(\.text) == units)
  }

  @Test func ranksAndListsOfHeadsAreGeneric() throws {
    #expect(
      try entities("Kế hoạch được quán triệt từ cấp Bộ Tư lệnh đến cấp cơ sở.", .unit).isEmpty)
    // An organ before a body it did not take is that body's, here generic; alone it is one.
    #expect(try entities("Ban Thường vụ cấp ủy cùng cấp chịu trách nhiệm kiểm tra.", .unit).isEmpty)
    #expect(
      try entities("Sau đó, Ban Thường vụ họp và thống nhất.", .unit).map(\.text) == [
        "Ban Thường vụ"
      ])
    #expect(
      try entities(
        "Ban Thường vụ Thành ủy đề nghị các Quận ủy, Huyện ủy, Thị ủy báo cáo trước ngày 15.", .unit
      ).map(\.text) == [
        "Ban Thường vụ Thành ủy"
      ])
    // A body named by its field alone shares no head with the fields listed after it.
    #expect(
      try entities("Các bộ: Tài chính, Công an, Xây dựng và Y tế đã trả lời.", .unit).map(\.text)
        .allSatisfy { !$0.contains(",") })
  }
}

@Suite struct OfficialShapeTests {
  @Test func aTitleWithItsOwnNameStartsTheNextOfficial() throws {
    let found = try entities(
      "Dự buổi gặp mặt có Bí thư Tỉnh ủy Hoàng Văn Tâm, Chủ tịch UBND tỉnh Lò Thị Hạnh, Trưởng ban Dân vận Tỉnh ủy Đinh Quang Vũ.",
      .official)
    #expect(
      found.map(\.text) == [
        "Bí thư Tỉnh ủy Hoàng Văn Tâm", "Chủ tịch UBND tỉnh Lò Thị Hạnh",
        "Trưởng ban Dân vận Tỉnh ủy Đinh Quang Vũ",
      ])
  }

  @Test(arguments: [
    ("Bộ trưởng Tư pháp Nguyễn Hải Ninh trình bày tờ trình.", "Bộ trưởng Tư pháp Nguyễn Hải Ninh"),
    (
      "bà Nguyễn Thị Thu Hà, Đại biểu Quốc hội khóa XIV tỉnh Bắc Kạn, chất vấn.",
      "Nguyễn Thị Thu Hà, Đại biểu Quốc hội khóa XIV tỉnh Bắc Kạn"
    ),
    (
      "kỷ luật ông Nguyễn Văn Đọc, nguyên Bí thư Quảng Ninh vì vi phạm.",
      "Nguyễn Văn Đọc, nguyên Bí thư Quảng Ninh"
    ),
    ("Chánh Văn phòng Tỉnh ủy Vũ Đức Minh báo cáo tóm tắt.", "Chánh Văn phòng Tỉnh ủy Vũ Đức Minh"),
    (
      "Đại tá Lương Văn Kiên, Tham mưu trưởng Bộ Chỉ huy Quân sự tỉnh, báo cáo.",
      "Đại tá Lương Văn Kiên, Tham mưu trưởng Bộ Chỉ huy Quân sự tỉnh"
    ),
    (
      "Thành ủy phân công ông Trịnh Quốc Bảo - Ủy viên Ban Thường vụ Thành ủy, Phó Chủ tịch HĐND TP.HCM phụ trách việc này.",
      "Trịnh Quốc Bảo - Ủy viên Ban Thường vụ Thành ủy, Phó Chủ tịch HĐND TP.HCM"
    ),
  ])
  func titlesNameTheirBodiesShort(_ text: String, _ official: String) throws {
    #expect(try entities(text, .official).map(\.text) == [official])
  }

  @Test func aSentencesFullStopAfterAnAbbreviationEndsTheOfficial() throws {
    let text = "Dự họp có bà Lê Thị Hoa, Giám đốc Sở TT&TT. Sau đó đoàn làm việc với Sở GD&ĐT."
    let officials = try entities(text, .official)
    #expect(officials.map(\.text) == ["Lê Thị Hoa, Giám đốc Sở TT&TT"])
    #expect(
      officials.first?.official?.titles == ["Giám đốc Sở TT&TT"]
        && officials.first?.official?.unit == "Sở TT&TT")
    #expect(try entities(text, .unit).map(\.text) == ["Sở GD&ĐT"])
  }

  @Test func newTitlesAndRanks() throws {
    let found = try entities(
      "ông Lê Văn Hòa, Tổng Biên tập Báo Nhân Dân; Chuẩn Đô đốc Phạm Quang Lộc, Phó Tư lệnh Quân chủng Hải quân; Thiếu tướng Đỗ Minh Sơn, Tư lệnh Binh chủng Công binh; anh Vi Văn Toản, Bí thư thứ nhất Trung ương Đoàn.",
      .official)
    #expect(
      found.map(\.text) == [
        "Lê Văn Hòa, Tổng Biên tập Báo Nhân Dân",
        "Chuẩn Đô đốc Phạm Quang Lộc, Phó Tư lệnh Quân chủng Hải quân",
        "Thiếu tướng Đỗ Minh Sơn, Tư lệnh Binh chủng Công binh",
        "Vi Văn Toản, Bí thư thứ nhất Trung ương Đoàn",
      ])
  }
}

@Suite struct DateShapeTests {
  @Test(arguments: [
    (
      "Quyết định có hiệu lực từ ngày 15 tháng 7 năm 2025 đến hết ngày 31 tháng 12 năm 2025.",
      "15 tháng 7 năm 2025 đến hết ngày 31 tháng 12 năm 2025", "2025-07-15..2025-12-31"
    ),
    ("Ngày ký: 2025-11-03 10:15:20 +07:00", "2025-11-03", "2025-11-03"),
    ("Chiều mai (20.11), Ban Thường vụ Huyện ủy họp.", "20.11", "XXXX-11-20"),
    ("Các xã gửi báo cáo trước ngày 15 tháng 11 hằng năm.", "15 tháng 11", "XXXX-11-15"),
    (
      "Số liệu tính từ ngày 01 tháng 01 đến hết ngày 30 tháng 6 hằng năm.",
      "01 tháng 01 đến hết ngày 30 tháng 6",
      "XXXX-01-01..XXXX-06-30"
    ),
    (
      "Kỷ niệm 70 năm Ngày thành lập ngành (15/8/1955-15/8/2025).", "15/8/1955-15/8/2025",
      "1955-08-15..2025-08-15"
    ),
  ])
  func untilTheEndOfADayStampsAndDotDates(_ text: String, _ span: String, _ value: String) throws {
    let found = try entities(text, .date)
    #expect(found.map(\.text) == [span])
    #expect(found.first?.date?.description == value)
  }
}
