import Testing
import VietEntities
import VietTestSupport

@Suite struct EntityNameTests {
  @Test(arguments: [
    ("Bộ Lao động -\nThương binh và Xã hội", "Bộ Lao động - Thương binh và Xã hội"),
    ("Chính\nphủ", "Chính phủ"),
    ("  Ban Thường vụ Thị uỷ ", "Ban Thường vụ Thị ủy"),
  ])
  func displayFoldsLineBreaksAndKeepsCapitals(_ written: String, _ shown: String) {
    #expect(EntityName.display(written).bytes == shown.bytes)
  }

  @Test func identityIgnoresCaseSpacesAndTonePlacement() {
    #expect(
      EntityName.identity("BỘ LUẬT LAO ĐỘNG").bytes == EntityName.identity("Bộ luật Lao động").bytes
    )
    #expect(EntityName.identity("Thị uỷ").bytes == EntityName.identity("thị ủy").bytes)
    #expect(EntityName.identity("Chính\nphủ").bytes == EntityName.identity("Chính phủ").bytes)
    #expect(EntityName.identity("Đảng bộ").bytes != EntityName.identity("Đảng bổ").bytes)
  }

  @Test func theMostFrequentFormWinsWhateverTheOrder() {
    let forms = [
      "Bộ Tài chính": (documents: 5, mentions: 9), "BỘ TÀI CHÍNH": (2, 2), "Bộ tài chính": (1, 1),
    ]
    #expect(EntityName.mostFrequent(forms) == "Bộ Tài chính")
    #expect(EntityName.mostFrequent(["Chính phủ": (1, 2), "CHÍNH PHỦ": (1, 2)]) == "CHÍNH PHỦ")  // byte order breaks ties
  }

  @Test func citationReportMergesCaseVariantsOfOneCode() throws {
    let tagger = try EntityTagger.bundled()
    var report = CitationReport(lexicon: tagger.lexicon)
    let texts = [
      ("a", "Căn cứ Bộ luật Lao động ngày 20 tháng 11 năm 2019;"),
      ("b", "Thi hành Bộ luật Lao động và Luật Việc làm."),
      ("c", "BỘ LUẬT LAO ĐỘNG\nquy định về hợp đồng."),
    ]
    for (id, text) in texts { report.add(documentID: id, entities: try tagger.entities(in: text)) }
    let rows = report.sortedRows.filter { $0.type == "Bộ luật" }
    #expect(rows.count == 1)
    #expect(rows.first?.key.bytes == "Bộ luật Lao động".bytes)
    #expect(rows.first?.citingDocuments == ["a", "b", "c"])
  }
}
