import Testing
import VietEntities
import VietTestSupport

@Suite struct OfficialTests {
  @Test func nameFirstChainKeepsEveryTitle() throws {
    let found = try entities(
      "Đồng chí Nguyễn Quang Hán – Phó Bí thư Thường trực Thị ủy – Chủ tịch HĐND thị xã dự và chỉ đạo.",
      .official)
    #expect(
      found.map(\.text) == [
        "Nguyễn Quang Hán – Phó Bí thư Thường trực Thị ủy – Chủ tịch HĐND thị xã"
      ])
    let official = try #require(found.first?.official)
    #expect(official.name == "Nguyễn Quang Hán")
    #expect(official.titles == ["Phó Bí thư Thường trực Thị ủy", "Chủ tịch HĐND thị xã"])
    #expect(official.unit == "Thị ủy")
  }

  @Test func titleFirstSplitsThePlaceFromTheName() throws {
    let found = try entities(
      "Bí thư Quận ủy Tây Hồ Lê Thị Thu Hằng phát biểu. Chủ tịch HĐND thành phố Lương Nguyễn Minh Triết dự.",
      .official)
    #expect(found.compactMap(\.official?.name) == ["Lê Thị Thu Hằng", "Lương Nguyễn Minh Triết"])
    #expect(found.first?.official?.unit == "Quận ủy Tây Hồ")
    #expect(found.last?.official?.titles == ["Chủ tịch HĐND thành phố"])
    #expect(found.last?.official?.unit == "HĐND thành phố")
    // "Phan" is also a place name: the title gives it up to the name, and "Thường trực" stays a
    // qualifier of the post, not part of the body.
    let standing = try entities(
      "Tham dự có Phó Bí thư Thường trực Tỉnh ủy Phan Ngọc Thọ.", .official)
    #expect(standing.first?.official?.name == "Phan Ngọc Thọ")
    #expect(standing.first?.official?.unit == "Tỉnh ủy")
  }

  @Test func listsGiveOneOfficialAPerson() throws {
    let found = try entities(
      "các đồng chí: Hoàng Văn Tứ, UV BTV Tỉnh ủy, Phó Chủ tịch TT HĐND tỉnh; Đinh Văn Dực, Phó Chủ tịch HĐND tỉnh.",
      .official)
    #expect(
      found.map(\.text) == [
        "Hoàng Văn Tứ, UV BTV Tỉnh ủy, Phó Chủ tịch TT HĐND tỉnh",
        "Đinh Văn Dực, Phó Chủ tịch HĐND tỉnh",
      ])
    #expect(found.first?.official?.unit == "BTV Tỉnh ủy")
  }

  @Test func memberTitlesStandForTheirCommittee() throws {
    let found = try entities("Đào Công Thiên, tỉnh ủy viên, Phó chủ tịch UBND tỉnh", .official)
    #expect(found.first?.official?.titles == ["tỉnh ủy viên", "Phó chủ tịch UBND tỉnh"])
    #expect(found.first?.official?.unit == "Tỉnh ủy")
  }

  @Test func aTitleWithoutANameOrAsAnObjectIsNoOfficial() throws {
    #expect(try entities("đồng chí Ủy viên Ban Thường vụ Thị ủy phát biểu", .official).isEmpty)
    #expect(try entities("Ông Trần Quốc Vượng thôi Chủ nhiệm UBKTTƯ.", .official).isEmpty)
    #expect(try entities("đồng chí Bùi Thị Liễu đề nghị", .official).isEmpty)
  }
}

@Suite struct UnitTests {
  @Test func nestedUnitsAreOneSpan() throws {
    let found = try entities(
      "Ban Thường vụ (BTV) Thị ủy, Ban Tổ chức Huyện ủy Đà Bắc, Cục Lưu trữ Văn phòng Trung ương Đảng và Ban Chấp hành Trung ương Đảng khóa XII họp.",
      .unit)
    #expect(
      found.map(\.text) == [
        "Ban Thường vụ (BTV) Thị ủy", "Ban Tổ chức Huyện ủy Đà Bắc",
        "Cục Lưu trữ Văn phòng Trung ương Đảng",
        "Ban Chấp hành Trung ương Đảng khóa XII",
      ])
  }

  @Test func levelsPlacesAndLocatorsBelongToTheUnit() throws {
    let found = try entities(
      "Chi bộ Ninh Tĩnh, phường Lê Lợi thuộc Đảng bộ thị xã Sơn Tây; UBND huyện Đà Bắc và Sở Lao động, Thương binh và Xã hội.",
      .unit)
    #expect(
      found.map(\.text) == [
        "Chi bộ Ninh Tĩnh, phường Lê Lợi", "Đảng bộ thị xã Sơn Tây", "UBND huyện Đà Bắc",
        "Sở Lao động, Thương binh và Xã hội",
      ])
  }

  @Test func genericAndPluralMentionsAreNotUnits() throws {
    #expect(
      try entities(
        "các cấp ủy, các chi bộ, chi bộ cơ sở và đảng bộ xã, phường; HĐND các cấp.", .unit
      ).isEmpty)
  }

  @Test func bareNamesAndPlacesAreNotUnits() throws {
    #expect(try entities("trên địa bàn quận Tây Hồ, tỉnh Lâm Đồng và Hà Nội", .unit).isEmpty)
  }
}

@Suite struct DateTests {
  @Test func datesWithCuesMonthYearsRangesAndTextualDates() throws {
    let found = try entities(
      "Sáng 11/6, Ngày 13-6 và tháng 6/2024; Từ ngày 25-27/9; ngày 24 và 25/1; Thanh Hoá, ngày 27 tháng 6 năm 2025; tháng 4 năm 2015",
      .date)
    #expect(
      found.map(\.text) == [
        "11/6", "13-6", "tháng 6/2024", "25-27/9", "24 và 25/1", "27 tháng 6 năm 2025",
        "tháng 4 năm 2015",
      ])
    #expect(
      found.compactMap { $0.date?.description } == [
        "XXXX-06-11", "XXXX-06-13", "2024-06", "XXXX-09-25..XXXX-09-27", "XXXX-01-24..XXXX-01-25",
        "2025-06-27", "2015-04",
      ])
  }

  @Test func yearsPeriodsAndFractionsAreNotDates() throws {
    #expect(
      try entities(
        "năm 2023, nhiệm kỳ 2020-2025, giai đoạn 2021 - 2025, hơn 1/3 số đảng viên, 7.126/7.560",
        .date
      ).isEmpty)
  }
}
