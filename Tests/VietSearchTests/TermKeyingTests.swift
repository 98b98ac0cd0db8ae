import SearchCore
import Testing
import VietSearch
import VietTestSupport

@Suite struct TermKeyingTests {
  static let analyzer = SearchAnalyzer()

  static func terms(_ text: String, field: SearchField = .body) throws -> [(
    key: String, position: UInt32
  )] {
    let analysis = try analyzer.analyze(Array(text.utf8))
    var terms: [(String, UInt32)] = []
    analyzer.forEachTerm(in: analysis, field: field) { key, position, _ in
      #expect(key.first == field.rawValue)
      terms.append((String(decoding: key.dropFirst(), as: UTF8.self), position))
    }
    return terms
  }

  @Test func runsOfLettersAndDigitsBecomeLowercaseTermsWithCanonicalTones() throws {
    let terms = try Self.terms("ĐẢNG BỘ Quận Uỷ, HĐND-UBND 11-ĐA/TU COVID-19")
    #expect(
      terms.map(\.key) == [
        "đảng", "bộ", "quận", "ủy", "hđnd", "ubnd", "11", "đa", "tu", "covid", "19",
      ])
    #expect(terms.map(\.position) == Array(0..<11))
  }

  @Test func aRunOverTheKeyLimitKeepsItsPositionButIsNotIndexed() throws {
    let terms = try Self.terms(
      String(repeating: "a", count: 300) + " chi bộ " + String(repeating: "Đ", count: 130) + " cuối"
    )
    #expect(terms.map(\.key) == ["chi", "bộ", "cuối"])
    #expect(terms.map(\.position) == [1, 2, 4])
  }

  /// Each term's key equals the key `TermKeys.exact` (the path queries and entity names take)
  /// gives the text its code-point range covers, on every seed article: the one-pass keyer of
  /// documents and the keyer of queries agree, or queries would miss what was indexed.
  @Test func keysEqualTheQueryKeyOfTheTextTheirRangeCovers() throws {
    var checked = 0
    for seed in try TestData.seeds() {
      let analysis = try Self.analyzer.analyze(seed.bytes)
      let scalars = Array(String(decoding: analysis.bytes, as: UTF8.self).unicodeScalars)
      var mismatches = 0
      Self.analyzer.forEachTerm(in: analysis, field: .title, firstPosition: 5) {
        key, position, range in
        let covered = String(String.UnicodeScalarView(scalars[range]))
        if Array(key) != Self.analyzer.keys.exact(Array(covered.utf8), field: .title) {
          mismatches += 1
        }
        checked += 1
      }
      #expect(mismatches == 0, "\(seed.name)")
    }
    #expect(checked > 1000)
  }
}
