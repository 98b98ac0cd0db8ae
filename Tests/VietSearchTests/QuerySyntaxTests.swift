import SearchCore
import Testing
import VietSearch

@Suite struct QuerySyntaxTests {
  let parser = QueryParser()

  @Test func wordsPhrasesFieldsAndOperators() throws {
    let nodes = try parser.parse(
      "đảng viên OR \"chi bộ\" -\"lãng phí\" cites:11-ĐA/TU unit:\"Quận ủy Tây Hồ\" tham*")
    #expect(
      nodes == [
        .text("đảng", field: .body, isPhrase: false, isPrefix: false),
        .anyOf([
          .text("viên", field: .body, isPhrase: false, isPrefix: false),
          .text("chi bộ", field: .body, isPhrase: true, isPrefix: false),
        ]),
        .not(.text("lãng phí", field: .body, isPhrase: true, isPrefix: false)),
        .text("11-ĐA/TU", field: .cites, isPhrase: false, isPrefix: false),
        .text("Quận ủy Tây Hồ", field: .unit, isPhrase: true, isPrefix: false),
        .text("tham", field: .body, isPhrase: false, isPrefix: true),
      ])
  }

  @Test func aTimeIsAWordNotAField() throws {
    #expect(
      try parser.parse("10:30") == [.text("10:30", field: .body, isPhrase: false, isPrefix: false)])
  }

  @Test(arguments: [
    ("\"sinh hoạt chi bộ", "never closed"),
    ("đảng -", "lone '-'"),
    ("- đảng", "lone '-'"),
    ("OR đảng", "OR needs"),
    ("đảng OR", "OR needs"),
    ("\"\"", "hold nothing"),
    ("*", "'*'"),
    ("cites:", "needs a value"),
    ("   ", "empty"),
  ])
  func malformedQueriesGetAClearError(query: String, expected: String) {
    #expect {
      try parser.parse(query)
    } throws: { error in
      (error as? QuerySyntaxError)?.message.contains(expected) == true
    }
  }

  @Test func tenThousandTermsAreRefusedQuickly() {
    let huge = Array(repeating: "đảng", count: 10_000).joined(separator: " ")
    #expect(throws: QuerySyntaxError.self) { try parser.parse(huge) }
    let many = Array(repeating: "đảng", count: 100).joined(separator: " ")
    #expect(throws: QuerySyntaxError.self) { try parser.parse(many) }
  }

  @Test func aQueryOfOnlyExclusionsOrPunctuationIsRefused() throws {
    let index = try ScratchIndex().build(SampleDocuments.party)
    defer { index.cleanUp() }
    let search = try index.open()
    #expect(throws: QuerySyntaxError.self) { try search.search("-đảng") }
    #expect(throws: QuerySyntaxError.self) { try search.search("… ;") }
  }
}
