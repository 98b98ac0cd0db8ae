import Foundation
import SearchCore
import Testing

@_spi(Internals) @testable import VietSearch

/// Issue 25, point 1: abbreviations a document defines for itself ("dự án đầu tư xây dựng cơ
/// bản (ĐTXDCB)") are collected at index build, stored beside the index with a checksum, and
/// matched both ways like the bundled table; a damaged table is an error naming it.
@Suite struct DefinedAbbreviationTests {
  /// Sentences of the bundled gov sample (Corpus/gov): a circular defining ĐTXDCB, a later
  /// sentence of it writing the abbreviation alone, and a decree writing the expansion alone.
  static let documents = [
    (
      "defines",
      "3. Các chủ đầu tư có dự án đầu tư xây dựng cơ bản (ĐTXDCB) thuộc ngân sách các cấp (ngân sách trung ương, tỉnh, huyện, xã);"
    ),
    (
      "short",
      "4. Các Ban quản lý dự án được giao quản lý dự án ĐTXDCB; có tư cách pháp nhân, được phép đăng ký và sử dụng tài khoản tại KBNN."
    ),
    (
      "long",
      "lập phương án phân bổ chi đầu tư xây dựng cơ bản; gửi cơ quan tài chính cùng cấp để tổng hợp lập dự toán ngân sách."
    ),
    ("unrelated", "Ban quản lý dự án báo cáo Ủy ban nhân dân cấp tỉnh."),
  ]

  @Test func definitionsAreReadAsReportsWriteThem() {
    func found(_ text: String) -> [String] {
      DefinedAbbreviations.definitions(in: Array(text.utf8)).map {
        "\($0.abbreviation)=\($0.expansion)"
      }
    }
    #expect(found(Self.documents[0].1) == ["ĐTXDCB=đầu tư xây dựng cơ bản"])
    #expect(
      found("Đồng chí Chủ nhiệm Ủy ban Kiểm tra (UBKT) Huyện ủy phát biểu.") == [
        "UBKT=Ủy ban Kiểm tra"
      ])
    #expect(found("kỳ họp của Hội đồng nhân dân (HĐND) tỉnh") == ["HĐND=Hội đồng nhân dân"])
    // "và" stands uncounted; "-" between words is kept; a line break is a space.
    #expect(
      found("Sở Lao động - Thương binh và Xã hội (LĐTBXH)") == [
        "LĐTBXH=Lao động - Thương binh và Xã hội"
      ])
    #expect(found("Bộ Khoa học và Công nghệ (KH&CN)") == ["KH&CN=Khoa học và Công nghệ"])
    #expect(
      found("SỞ GIAO DỊCH\nCHỨNG KHOÁN VIỆT NAM (SGDCKVN) VÀ CÔNG TY CON") == [
        "SGDCKVN=SỞ GIAO DỊCH CHỨNG KHOÁN VIỆT NAM"
      ])
    #expect(found("Ban Chấp hành Trung ương (BCHTW)") == ["BCHTW=Ban Chấp hành Trung ương"])
    // Not definitions: two letters ("ký thay (KT)" means other things elsewhere), a syllable
    // ("Tỉnh ủy (TU)"), initials that differ, a number, punctuation inside the expansion.
    #expect(found("cấp phó của mình ký thay (KT).") == [])
    #expect(found("Ban Thường vụ Tỉnh ủy (TU)") == [])
    #expect(found("Hội đồng nhân dân (UBND)") == [])
    #expect(found("theo Nghị định số 30/2020/NĐ-CP (NĐ-CP)") == [])
    #expect(found("ngân sách, nhà nước (NSNN)") == [])
    #expect(found("(NSNN) ở đầu văn bản, ((, ) và (") == [])
    // A text of nothing but candidates is read only so far: bounded work, real ones first.
    let hostile =
      "ngân sách nhà nước (NSNN) " + String(repeating: "(ABC) ", count: 100_000)
      + "kho bạc nhà nước (KBNN)"
    #expect(found(hostile) == ["NSNN=ngân sách nhà nước"])
  }

  @Test func eitherFormFindsBothOnceTheIndexHoldsTheDefinition() throws {
    let index = try ScratchIndex().build(Self.documents)
    defer { index.cleanUp() }
    #expect(Set(try index.ids("ĐTXDCB")) == ["defines", "short", "long"])
    #expect(Set(try index.ids("\"đầu tư xây dựng cơ bản\"")) == ["defines", "short", "long"])
    #expect(Set(try index.ids("\"dau tu xay dung co ban\"")) == ["defines", "short", "long"])
    // Without the definition the abbreviation finds only the documents writing it.
    let undefined = try ScratchIndex().build(Array(Self.documents.dropFirst()))
    defer { undefined.cleanUp() }
    #expect(Set(try undefined.ids("ĐTXDCB")) == ["short"])
    #expect(try undefined.open().definedAbbreviations.isEmpty)
  }

  @Test func theTableIsCountedAcrossCommitsAndStartsAgainOnRebuild() throws {
    let index = ScratchIndex()
    defer { index.cleanUp() }
    var writer: SearchIndexWriter? = try SearchIndexWriter(
      path: index.path, create: true, tagger: nil)
    try writer!.add(id: "defines", text: Array(Self.documents[0].1.utf8))
    try writer!.commit()
    writer = nil
    // A later add keeps what the first build counted.
    writer = try SearchIndexWriter(path: index.path, create: false, tagger: nil)
    try writer!.add(id: "again", text: Array("vốn đầu tư xây dựng cơ bản (ĐTXDCB) năm 2025".utf8))
    try writer!.add(id: "short", text: Array(Self.documents[1].1.utf8))
    try writer!.commit()
    writer = nil
    let directory = IndexDirectory(path: index.path)
    let stored = try #require(try DefinedAbbreviations.read(from: directory))
    #expect(
      stored.documents == [.init(abbreviation: "ĐTXDCB", expansion: "đầu tư xây dựng cơ bản"): 2])
    // Replacing every document starts the count again.
    writer = try SearchIndexWriter(path: index.path, create: true, tagger: nil)
    writer!.removeAll()
    try writer!.add(id: "short", text: Array(Self.documents[1].1.utf8))
    try writer!.commit()
    writer = nil
    #expect(try DefinedAbbreviations.read(from: directory)?.documents == [:])
    #expect(Set(try index.ids("ĐTXDCB")) == ["short"])
  }

  /// A row the search table refuses (longer than a search form may be) is left out alone: the
  /// index's other defined abbreviations still match (one such row once emptied the table).
  @Test func anOversizedDefinitionDoesNotEmptyTheTable() throws {
    // Names joined by "và" are no definition: "và" stands uncounted twice at most, so with at
    // most twelve initials no definition found in a text is over the 16-syllable form limit.
    let joined = "an và bình và cường và dũng và em và giang và hà và khánh (ABCDEGHK)"
    #expect(DefinedAbbreviations.definitions(in: Array(joined.utf8)).isEmpty)
    // A stored table (checksummed, so written by vitext or on purpose) may still hold one.
    let oversized = DefinedAbbreviations.Definition(
      abbreviation: "BBBBBBBBBBBBBBBBBBBB",
      expansion: Array(repeating: "ban", count: 20).joined(separator: " "))
    var alone = DefinedAbbreviations()
    alone.add(documentDefining: [oversized])
    #expect(alone.synonymTable().isEmpty)
    var table = DefinedAbbreviations()
    table.add(documentDefining: [oversized])
    table.add(documentDefining: [.init(abbreviation: "ĐTXDCB", expansion: "đầu tư xây dựng cơ bản")]
    )
    #expect(!table.synonymTable().isEmpty)
  }

  /// A stored count past any index's document count is damage, not a crash when the counts are
  /// added up at opening.
  @Test func aCountNoIndexCanHoldIsDamage() throws {
    let index = try ScratchIndex().build(Self.documents)
    defer { index.cleanUp() }
    let directory = IndexDirectory(path: index.path)
    let stored = try #require(try DefinedAbbreviations.read(from: directory))
    var text = String(decoding: stored.encoded(), as: UTF8.self)
    let checksumLine = try #require(text.range(of: "crc32 "))
    text = String(text[..<checksumLine.lowerBound])
    text = text.replacingOccurrences(of: "\t1\n", with: "\t\(Int.max)\n")
    var bytes = Array(text.utf8)
    let digits = String(CRC32.checksum(bytes), radix: 16)
    bytes += Array("crc32 \(String(repeating: "0", count: 8 - digits.count) + digits)\n".utf8)
    #expect(throws: IndexError.self) {
      _ = try DefinedAbbreviations(decoding: bytes, path: DefinedAbbreviations.fileName)
    }
  }

  @Test func aDamagedTableIsAnErrorAndAMissingOneIsNone() throws {
    let index = try ScratchIndex().build(Self.documents)
    defer { index.cleanUp() }
    let path = index.path + "/" + DefinedAbbreviations.fileName
    var bytes = try #require(FileManager.default.contents(atPath: path))
    let row = try #require(bytes.firstRange(of: Data("ĐTXDCB".utf8)))
    bytes[row.lowerBound + 3] ^= 0x01
    try bytes.write(to: URL(fileURLWithPath: path))
    let error = try #require(throws: IndexError.self) { _ = try index.open() }
    #expect(error.code == .corrupt)
    #expect(error.description.contains(DefinedAbbreviations.fileName))
    #expect(error.description.contains("build the index again"))
    // Cut short (the checksum line gone): the same.
    try Data(bytes.prefix(bytes.count - 10)).write(to: URL(fileURLWithPath: path))
    #expect(throws: IndexError.self) { _ = try index.open() }
    // An index without the table (built before it existed) opens with the bundled one only.
    try FileManager.default.removeItem(atPath: path)
    #expect(Set(try index.ids("ĐTXDCB")) == ["defines", "short"])
    #expect(Set(try index.ids("UBND")) == ["unrelated"])
    // Building again writes it afresh.
    try index.build(Self.documents)
    #expect(Set(try index.ids("ĐTXDCB")) == ["defines", "short", "long"])
  }
}
