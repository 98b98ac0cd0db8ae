import Foundation
import SearchCore
import Testing

@_spi(Internals) @testable import VietSearch

/// Issue 25, point 3: a syllable with one slipped key that the index does not hold also
/// searches its corrections, which keep any tone mark the user typed and rank below what
/// matches as typed.
@Suite struct TypoToleranceTests {
  @Test func aSlippedKeyIsForgivenOnRealLegalText() throws {
    let (index, documents) = try GovSampleIndex.built.get()
    let search = try index.open()
    let writers = Set(
      documents.filter { $0.text.lowercased().contains("quyết định xử phạt") }.map(\.id))
    try #require(!writers.isEmpty)
    #expect(try search.search("\"quyet dinh xu phat\"", limit: 1).hits.count == 1)
    // "dihn" is in no document: without correction the phrase would find nothing.
    let corrected = try search.search("\"quyet dihn xu phat\"", limit: 10_000, snippets: true)
    #expect(Set(corrected.hits.map(\.id)).isSuperset(of: writers))
    #expect(corrected.hits.allSatisfy { $0.foundByCorrection })
    // The snippet marks the corrected words.
    let snippet = try #require(corrected.hits.first?.snippet)
    #expect(
      snippet.runs.filter(\.isHighlight).map { $0.text.lowercased() }.joined(separator: " ")
        .contains("quyết định xử phạt"))
  }

  @Test func aToneTypedIsNeverChanged() throws {
    let (index, documents) = try GovSampleIndex.built.get()
    let search = try index.open()
    let corrector = TypoCorrector(reader: search.reader)
    func key(_ text: String) -> [UInt8] { [SearchField.body.rawValue] + Array(text.utf8) }
    // "đảmg" (hỏi, m for n): corrected only into spellings with the hỏi tone ("đảng",
    // maybe "đảm"), never into "đăng" or "đang".
    // One probe says whether the dictionary holds a syllable (in the spelling typed, if any).
    #expect(corrector.isInDictionary(TermMatcher(folded: key("dang"), exact: key("đảng"))))
    #expect(corrector.isInDictionary(TermMatcher(folded: key("dang"))))
    #expect(!corrector.isInDictionary(TermMatcher(folded: key("damg"), exact: key("đảmg"))))
    #expect(
      !corrector.isInDictionary(TermMatcher(folded: key("dang"), exact: key("đãng")))
        || documents.contains { $0.text.lowercased().contains("đãng") })
    let marked = corrector.corrections(of: TermMatcher(folded: key("damg"), exact: key("đảmg")))
    #expect(marked.contains { $0.exact == key("đảng") })
    #expect(!marked.isEmpty && marked.allSatisfy { $0.exact.map(TypoCorrector.tone(of:)) == 3 })
    // Typed without marks, the correction stands for every spelling ("đăng ký" included).
    let plain = corrector.corrections(of: TermMatcher(folded: key("damg")))
    #expect(plain.contains { $0.folded == key("dang") && $0.exact == nil })
    let partyWriters = Set(documents.filter { $0.text.lowercased().contains("đảng") }.map(\.id))
    let party = Set(try search.search("đảmg", limit: 10_000, snippets: false).hits.map(\.id))
    #expect(!party.isDisjoint(with: partyWriters))
    #expect(
      Set(try search.search("damg", limit: 10_000, snippets: false).hits.map(\.id))
        .isStrictSuperset(of: party))
  }

  /// Only edits that spell a Vietnamese syllable are looked up in the dictionary: a few dozen
  /// of the hundreds of one-edit strings, none for a string with no syllable near it.
  @Test func onlyEditsThatAreSyllablesAreLookedUp() throws {
    func letters(_ text: String) -> [UInt8] { Array(text.utf8) }
    // "dihn" has 4·25 substitutions, 3 swaps, 4 deletions and 5·26 insertions: 237 strings.
    let lookedUp = TypoCorrector.syllableEdits(of: letters("dihn"))
    #expect(
      lookedUp.count < 40 && lookedUp.contains(letters("dinh")) && lookedUp.contains(letters("din"))
    )
    #expect(!lookedUp.contains(letters("dhin")) && !lookedUp.contains(letters("dihn")))
    #expect(TypoCorrector.syllableEdits(of: letters("qxzvbk")).isEmpty)
    // Folded syllables whose vowels carry quality marks when written ("nghiêng", "quyết",
    // "tuân") are syllables: a folded "ua" may take a final, as "uâ" does in "tuân".
    #expect(
      ["nghieng", "quyet", "tuan", "duong", "cua"].allSatisfy {
        TypoCorrector.isSyllable(letters($0))
      })
    #expect(!["ngh", "aaaa", "xyz"].contains { TypoCorrector.isSyllable(letters($0)) })
    #expect(TypoCorrector.syllableEdits(of: letters("nghiemg")).contains(letters("nghieng")))
  }

  @Test func exactMatchesComeFirstAndShortOrCommonSyllablesStay() throws {
    let index = try ScratchIndex().build(
      [("other", "Văn bản quyết định số 7."), ("rare", "Chủ tịch ký quyết dimh.")]
        + (0..<30).map { ("decision-\($0)", "Chủ tịch ký quyết định số \($0) ngày 5.") })
    defer { index.cleanUp() }
    let search = try index.open()
    // "dihn" is in no document: "định" is searched too. Every document holding "tịch" as
    // typed comes before the one found only through the correction, which is flagged.
    let response = try search.search("dihn OR tịch", limit: 100, snippets: false)
    #expect(response.hits.count == 32 && response.hits.last?.id == "other")
    #expect(response.hits.map(\.foundByCorrection) == Array(repeating: false, count: 31) + [true])
    // "dimh" is in one document: as typed the query finds it, so nothing is corrected; a
    // query that finds nothing as typed is.
    #expect(try search.search("dimh", limit: 100, snippets: false).hits.map(\.id) == ["rare"])
    #expect(try search.search("dimh số", limit: 100, snippets: false).hits.count == 31)
    // Three letters: never corrected ("dihn" has four).
    #expect(try search.search("dih", limit: 10, snippets: false).hits.isEmpty)
    // A syllable the index holds in many documents is taken as meant.
    #expect(try search.search("dinh", limit: 100, snippets: false).hits.count == 31)
  }
}
