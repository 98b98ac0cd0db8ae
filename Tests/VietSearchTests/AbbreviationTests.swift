import Foundation
import SearchCore
import Testing
import VietDocuments
import VietSearch
import VietTestSupport

/// Issue 25, point 1: an abbreviation and its expansion find each other, as a word and inside
/// phrases, typed with or without diacritics; the typed form ranks a little higher; a user's
/// table adds forms.
@Suite struct AbbreviationTests {
  static let documents = [
    ("short", "UBND tỉnh Lào Cai ban hành kế hoạch; HĐND tỉnh giám sát việc thực hiện."),
    ("long", "Ủy ban nhân dân tỉnh Lào Cai ban hành kế hoạch; Hội đồng nhân dân tỉnh giám sát."),
    ("hanoi", "Uỷ ban nhân dân thành phố Hà Nội chỉ đạo các quận, huyện."),
    ("hanoi-short", "UBND TP. Hà Nội chỉ đạo các quận, huyện."),
    ("hcm", "Đại hội Đảng bộ TP.HCM lần thứ XI; Ban Chấp hành Trung ương Đảng dự."),
    ("hcm-long", "Thành phố Hồ Chí Minh đẩy mạnh chuyển đổi số; BCH TW Đảng chỉ đạo."),
    ("unrelated", "Nhân dân tỉnh Lào Cai đón Tết; ủy ban xã họp bàn."),
  ]

  @Test func eitherFormFindsBoth() throws {
    let index = try ScratchIndex().build(Self.documents)
    defer { index.cleanUp() }
    #expect(Set(try index.ids("UBND")).isSuperset(of: ["short", "long", "hanoi", "hanoi-short"]))
    #expect(
      Set(try index.ids("\"Ủy ban nhân dân\"")).isSuperset(of: [
        "short", "long", "hanoi", "hanoi-short",
      ]))
    // Typed as separate words, the expansion still finds the abbreviation; the unrelated
    // document holds "ủy ban" and "nhân dân" apart and still matches as the words do.
    #expect(
      Set(try index.ids("Ủy ban nhân dân")) == [
        "short", "long", "hanoi", "hanoi-short", "unrelated",
      ])
    #expect(Set(try index.ids("\"HĐND tỉnh\"")) == ["short", "long"])
    #expect(Set(try index.ids("\"hoi dong nhan dan tinh\"")) == ["short", "long"])
    #expect(Set(try index.ids("TP.HCM")) == ["hcm", "hcm-long"])
    #expect(Set(try index.ids("\"Ban Chấp hành Trung ương\"")) == ["hcm", "hcm-long"])
  }

  @Test func phrasesTypedWithoutDiacriticsFindTheOtherForm() throws {
    let index = try ScratchIndex().build(Self.documents)
    defer { index.cleanUp() }
    // Both abbreviations of the phrase are rewritten, each both ways.
    #expect(Set(try index.ids("\"UBND thanh pho Ha Noi\"")) == ["hanoi", "hanoi-short"])
    #expect(Set(try index.ids("\"uy ban nhan dan tinh\"")) == ["short", "long"])
    // Excluding a form excludes the other too.
    #expect(Set(try index.ids("Lào Cai -UBND")) == ["unrelated"])
  }

  @Test func theTypedFormRanksHigherAndBothAreHighlighted() throws {
    let index = try ScratchIndex().build([
      // Of the same length in indexed words, so that BM25 scores them alike.
      ("abbreviated", "UBND tỉnh họp bàn kế hoạch."),
      ("expanded", "Ủy ban nhân dân tỉnh họp."),
    ])
    defer { index.cleanUp() }
    let search = try index.open()
    let short = try search.search("\"UBND tỉnh\"", limit: 10)
    #expect(short.hits.map(\.id) == ["abbreviated", "expanded"])
    // The other form scores the typed form's score times the preference, whatever its length.
    #expect(abs(short.hits[1].score / short.hits[0].score - 0.9) < 0.01)
    let long = try search.search("\"Ủy ban nhân dân tỉnh\"", limit: 10)
    #expect(long.hits.map(\.id) == ["expanded", "abbreviated"])
    // Snippets mark the form each document writes.
    for hit in short.hits {
      let snippet = try #require(hit.snippet)
      let scalars = Array(snippet.text.unicodeScalars)
      let marked = snippet.highlights.map { String(String.UnicodeScalarView(scalars[$0])) }
      #expect(marked == (hit.id == "abbreviated" ? ["UBND tỉnh"] : ["Ủy ban nhân dân tỉnh"]))
    }
  }

  @Test func aUserTableAddsFormsAndReportsItsBadLine() throws {
    let index = try ScratchIndex().build([
      ("code", "Tỉnh ủy giao BTGTU chủ trì."),
      ("name", "Ban Tuyên giáo Tỉnh ủy chủ trì."),
    ])
    defer { index.cleanUp() }
    let search = try index.open()
    #expect(try search.search("BTGTU", limit: 10).hits.map(\.id) == ["code"])
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "synonyms-\(UUID().uuidString).tsv")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data("# mine\nBTGTU\tBan Tuyên giáo Tỉnh ủy\n".utf8).write(to: file)
    search.synonyms = search.synonyms.adding(try SynonymTable(file: file.path))
    #expect(Set(try search.search("BTGTU", limit: 10).hits.map(\.id)) == ["code", "name"])

    try Data("# mine\nBTGTU\tBan Tuyên giáo Tỉnh ủy\nBTGTU only\n".utf8).write(to: file)
    // The error names the file and the line of the row with one form.
    #expect(throws: (any Error).self) { try SynonymTable(file: file.path) }
    do {
      _ = try SynonymTable(file: file.path)
    } catch {
      #expect("\(error)".hasPrefix("\(file.path):3: "))
    }
    #expect(throws: (any Error).self) { try SynonymTable(file: "/nonexistent/synonyms.tsv") }
  }

  /// The table's forms are words as it spells them: "ban" in "Ủy ban nhân dân" is not "bàn"
  /// or "bạn" (a query typed without diacritics matches every spelling, a table's form does not).
  @Test func aFormMatchesItsOwnSpellingOnly() throws {
    let index = try ScratchIndex().build([
      ("committee", "Ủy ban nhân dân huyện họp bàn kế hoạch."),
      ("desk", "Cuộc họp ủy bàn nhân dân huyện (bản ghi sai chính tả)."),
    ])
    defer { index.cleanUp() }
    #expect(try index.ids("UBND") == ["committee"])
    #expect(try index.ids("\"UBND huyện\"") == ["committee"])
  }

  /// An OR of abbreviations does not search their expansions, phrases of common words, over
  /// every document: they re-rank its best matches. Alone, each abbreviation still finds them.
  @Test func anOrOfAbbreviationsStaysAsCheapAsTyped() throws {
    let (index, _) = try GovSampleIndex.built.get()
    let search = try index.open()
    let expanded = try search.search("HĐND OR UBND", limit: 10, snippets: false)
    search.synonyms = SynonymTable()
    let typed = try search.search("HĐND OR UBND", limit: 10, snippets: false)
    #expect(expanded.total == typed.total)
    // Postings visited (dictionary entries, postings decoded or probed): those of the query
    // as typed plus two four-syllable expansions probed in its 100 best matches at most; "UBND"
    // alone, which searches its expansion in every document, visits more than twice as many.
    let windowProbes = 2 * 4 * 100
    #expect(
      expanded.postingsVisited <= typed.postingsVisited + windowProbes + 50,
      "\(expanded.postingsVisited) vs \(typed.postingsVisited)")
    search.synonyms = try SynonymTable.bundled()
    let alone = try search.search("UBND", limit: 0, snippets: false)
    #expect(
      alone.total > 5 * typed.total && alone.postingsVisited > 2 * expanded.postingsVisited,
      "\(alone.total), \(alone.postingsVisited)")
  }

  /// Over the bundled gov sample: the documents writing only the abbreviation are found by
  /// the expansion and the reverse, for pairs the sample holds both ways.
  @Test func bothDirectionsOverTheBundledCorpus() throws {
    let pairs = [
      ("UBND", "Ủy ban nhân dân"), ("NSNN", "ngân sách nhà nước"), ("HĐND", "Hội đồng nhân dân"),
      ("BHYT", "bảo hiểm y tế"),
    ]
    let (index, documents) = try GovSampleIndex.built.get()
    let search = try index.open()
    var abbreviatedOnly = 0
    for (abbreviation, expansion) in pairs {
      let quoted = "\"\(expansion)\""
      let writers = Set(
        documents.filter {
          $0.text.range(of: "\\b\(abbreviation)\\b", options: .regularExpression) != nil
        }.map(\.id))
      let expandedWriters = Set(
        documents.filter {
          $0.text.lowercased().replacingOccurrences(of: "uỷ", with: "ủy").contains(
            expansion.lowercased())
        }.map(\.id))
      abbreviatedOnly += writers.subtracting(expandedWriters).count
      let byAbbreviation = Set(
        try search.search(abbreviation, limit: 10_000, snippets: false).hits.map(\.id))
      let byExpansion = Set(
        try search.search(quoted, limit: 10_000, snippets: false).hits.map(\.id))
      #expect(byAbbreviation.isSuperset(of: writers.union(expandedWriters)), "\(abbreviation)")
      #expect(byExpansion.isSuperset(of: writers.union(expandedWriters)), "\(expansion)")
    }
    // The sample writes these abbreviations alone in a few documents (2 UBND, 6 NSNN, 1 HĐND,
    // 1 BHYT when this test was written): the test would pass without synonyms otherwise.
    #expect(abbreviatedOnly >= 5)
  }
}
