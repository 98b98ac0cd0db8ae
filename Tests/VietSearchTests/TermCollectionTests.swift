import SearchCore
import Testing
import VietSearch
import VietTestSupport

@Suite struct TermCollectionTests {
  /// The build's one-pass term collection and the general `forEachTerm` (which queries and
  /// snippets use) must key documents identically, or queries would miss what was indexed.
  @Test func collectedTermsEqualForEachTermOnSeedsAndAwkwardText() throws {
    let analyzer = SearchAnalyzer()
    var texts = try TestData.seeds().map { String(decoding: $0.bytes, as: UTF8.self) }
    texts.append("ĐẢNG BỘ Quận Uỷ HĐND-UBND 11-ĐA/TU 30/2020/NĐ-CP COVID-19 10.630 15,56% Ελληνικά 東京 e\u{301}")
    texts.append(String(repeating: "a", count: 300) + " chi bộ " + String(repeating: "Đ", count: 130) + " cuối")
    for text in texts {
      let analysis = try analyzer.analyze(Array(text.utf8))
      for field in [SearchField.body, .title] {
        var expected: [([UInt8], UInt32)] = []
        let expectedLength = analyzer.forEachTerm(in: analysis, field: field) { key, position, _ in
          expected.append((Array(key), position + 7))
        }
        var collected = DocumentTerms()
        let length = analyzer.collectTerms(of: analysis, field: field, firstPosition: 7, into: &collected)
        var actual: [([UInt8], UInt32)] = []
        collected.forEach { key, position in actual.append((Array(key), position)) }
        #expect(length == expectedLength)
        #expect(actual.map(\.0) == expected.map(\.0))
        #expect(actual.map(\.1) == expected.map(\.1))
        #expect(!actual.isEmpty)
      }
    }
  }
}
