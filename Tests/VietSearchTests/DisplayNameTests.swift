import Foundation
import Testing
import VietEntities
import VietSearch
import VietTestSupport

/// Units, officials and cited documents keep a display form in the texts' own capitalisation,
/// the same in the facets, the citation table of the index (`/citations`) and `vitext citations`.
@Suite struct DisplayNameTests {
  static let tagger = try! EntityTagger.bundled()

  static let documents: [(String, String)] = [
    (
      "a",
      "Bộ Tài chính ban hành Thông tư số 40/2021/TT-BTC ngày 01/6/2021; Chính phủ chỉ đạo thực hiện Bộ luật Lao động."
    ),
    (
      "b",
      "Căn cứ Bộ luật Lao động, Bộ Tài chính và Ban Thường vụ Đảng bộ thành phố Hà Nội lãnh đạo."
    ),
    // A PDF line break inside "Chính phủ", and the code's name in capitals as headings write it.
    ("c", "Chính\nphủ giao Ban Thường vụ Đảng bộ thành phố Hà Nội tổng kết BỘ LUẬT LAO ĐỘNG."),
  ]

  static func index() throws -> (ScratchIndex, SearchIndex) {
    let scratch = try ScratchIndex().build(documents, tagger: tagger)
    return (scratch, try scratch.open(tagger: tagger))
  }

  @Test func unitFacetsShowTheWrittenCapitalisation() throws {
    let (scratch, index) = try Self.index()
    defer { scratch.cleanUp() }
    let units = try #require(try index.search("chính", limit: 0, facetLimit: 10).facets[.unit])
    let labels = Dictionary(uniqueKeysWithValues: units.map { ($0.label, $0.documents) })
    #expect(labels["Bộ Tài chính"] == 2)
    #expect(labels["Ban Thường vụ Đảng bộ thành phố Hà Nội"] == 2)
    #expect(!units.map(\.label).contains("Bộ tài chính"))
  }

  @Test func aLineBreakInsideANameMakesNoSecondFacet() throws {
    let (scratch, index) = try Self.index()
    defer { scratch.cleanUp() }
    let units = try #require(try index.search("chính", limit: 0, facetLimit: 10).facets[.unit])
    let government = units.filter { $0.key.hasPrefix("chính") }
    #expect(government.count == 1)
    #expect(government.first?.label.bytes == "Chính phủ".bytes)
    #expect(government.first?.documents == 2)
  }

  @Test func citationTableAgreesWithTheCommandLineReport() throws {
    let (scratch, index) = try Self.index()
    defer { scratch.cleanUp() }
    var report = CitationReport(lexicon: Self.tagger.lexicon)
    for (id, text) in Self.documents {
      report.add(documentID: id, entities: try Self.tagger.entities(in: text))
    }
    let rows = report.sortedRows
    let totals = try index.citationTotals()
    #expect(rows.count == totals.count)
    #expect(rows.map(\.key) == totals.map(\.facet.label))
    #expect(rows.map(\.citingDocuments.count) == totals.map(\.facet.documents))
    #expect(rows.map(\.mentions) == totals.map(\.mentions))
    // "Bộ luật Lao động" (2 documents) and "BỘ LUẬT LAO ĐỘNG" (1) are one code.
    let code = try #require(rows.first { $0.key.lowercased() == "bộ luật lao động" })
    #expect(code.key.bytes == "Bộ luật Lao động".bytes)
    #expect(code.citingDocuments == ["a", "b", "c"])
  }
}
