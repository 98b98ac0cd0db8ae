import Foundation
import Testing
import VietDocuments
import VietEntities
import VietExport
import VietSearch
import VietSegmentation
import VietTestSupport

/// Issue 24: records for other engines carry vitext's analysis position for position, and the
/// query DSL picks the field vitext's rules pick.
@Suite struct ExportRecordTests {
  static let exporter = DocumentExporter(
    tagger: try! EntityTagger.bundled(), segmenter: try! WordSegmenter.bundled())

  @Test func keysArePositionAlignedWithVitextsAnalysis() throws {
    let analyzer = SearchAnalyzer()
    for seed in try TestData.seeds() {
      let record = try Self.exporter.record(id: seed.name, title: "", validUTF8: seed.bytes)
      var expected: [String] = []
      let positions = analyzer.forEachTerm(
        in: try analyzer.analyze(Array(record.text.utf8)), field: .body
      ) { key, _, _ in
        expected.append(
          String(decoding: UnsafeRawBufferPointer(rebasing: key.dropFirst()), as: UTF8.self))
      }
      let exact = record.textExact.split(separator: " ").map(String.init)
      let folded = record.textFolded.split(separator: " ").map(String.init)
      #expect(exact.count == Int(positions), "\(seed.name)")
      #expect(folded.count == exact.count)
      #expect(exact == expected, "\(seed.name)")
      // Folding leaves only ASCII where the exact key held Vietnamese letters.
      for (exactKey, foldedKey) in zip(exact, folded)
      where exactKey.unicodeScalars.allSatisfy({ $0.value < 0x1F00 }) {
        #expect(foldedKey.utf8.allSatisfy { $0 < 0x80 }, "\(exactKey) → \(foldedKey)")
      }
    }
  }

  @Test func foldedKeysDropDiacriticsAndDStroke() throws {
    let record = try Self.exporter.record(
      id: "a", title: "Nghị quyết của Đảng ủy",
      validUTF8: Array("Đảng viên Thị uỷ sinh hoạt chi bộ.".utf8))
    #expect(record.textExact == "đảng viên thị ủy sinh hoạt chi bộ")
    #expect(record.textFolded == "dang vien thi uy sinh hoat chi bo")
    #expect(record.titleFolded == "nghi quyet cua dang uy")
    // The stored text keeps the tone placement as written; the keys unify it.
    #expect(record.text.contains("Thị uỷ"))
  }

  @Test func wordsAndEntitiesComeFromTheSegmenterAndTheTagger() throws {
    let text =
      "Ban Thường vụ Thị ủy Sơn Tây sơ kết 3 năm thực hiện Đề án số 11-ĐA/TU ngày 06/12/2021 của Thị ủy. Đồng chí Nguyễn Văn Hùng, Bí thư Thị ủy Sơn Tây phát biểu."
    let record = try Self.exporter.record(id: "b", title: "", validUTF8: Array(text.utf8))
    #expect(record.words?.hasPrefix("Ban Thường_vụ Thị_ủy Sơn_Tây sơ_kết") == true)
    #expect(record.cites == ["11-ĐA/TU"])
    #expect(record.officials == ["Nguyễn Văn Hùng"])
    #expect(record.units == ["Ban Thường vụ Thị ủy Sơn Tây", "Thị ủy"])
  }

  @Test func recordIsOneJSONObjectWithTheDocumentedFields() throws {
    let record = try Self.exporter.record(
      id: "seeds/003", title: "Báo cáo", validUTF8: Array("Chi bộ họp ngày 5/3/2024.".utf8))
    let line = record.json.serialized()
    #expect(!line.contains("\n") && !line.contains("\\/"))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(
      Set(object.keys) == [
        "id", "title", "text", "title_exact", "title_folded", "text_exact", "text_folded", "words",
        "cites", "officials", "units",
        "issued", "type", "issuer",
      ])
    #expect(object["issued"] is NSNull && object["type"] is NSNull && object["issuer"] is NSNull)
    #expect(object["id"] as? String == "seeds/003")
    #expect(object["text_folded"] as? String == "chi bo hop ngay 5 3 2024")
  }

  @Test func aDocumentsOwnMetadataIsWrittenAsDateAndKeywordFields() throws {
    let text = [UInt8](
      try Data(
        contentsOf: TestData.packageRoot.appendingPathComponent(
          "Tests/VietDocumentsTests/Fixtures/thong-tu-14-2026.txt")))
    let metadata = DocumentMetadata(readingHeaderOf: String(decoding: text, as: UTF8.self))
    let record = try Self.exporter.record(
      id: "tt-14", title: "", validUTF8: text, metadata: metadata)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(record.json.serialized().utf8)) as? [String: Any])
    #expect(object["issued"] as? String == "2026-03-02")
    #expect((object["type"] as? String)?.bytes == "Thông tư".bytes)
    #expect((object["issuer"] as? String)?.bytes == "Bộ Tài chính".bytes)
  }

  @Test func aDocumentWithoutTermsGivesEmptyFields() throws {
    let record = try Self.exporter.record(id: "c", title: "", validUTF8: Array("… — !!".utf8))
    #expect(record.textExact.isEmpty && record.textFolded.isEmpty && record.cites.isEmpty)
  }
}

@Suite struct OpenSearchQueryTests {
  static func dsl(_ query: String) throws -> [String: Any] {
    let text = try OpenSearch.query(query).serialized()
    return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  static func bool(_ dsl: [String: Any]) -> [String: Any] {
    ((dsl["query"] as? [String: Any])?["bool"] as? [String: Any]) ?? [:]
  }

  /// The first clause on the body (`text_*`) inside a body-or-title clause.
  static func bodyClause(_ clause: Any) -> [String: Any]? {
    (((clause as? [String: Any])?["bool"] as? [String: Any])?["should"] as? [Any])?.first
      as? [String: Any]
  }

  @Test func syllablesWithoutMarksGoToTheFoldedField() throws {
    let must = try #require(Self.bool(try Self.dsl("dang vien"))["must"] as? [Any])
    #expect(must.count == 2)
    let first = try #require(Self.bodyClause(must[0])?["term"] as? [String: Any])
    #expect((first["text_folded"] as? [String: Any])?["value"] as? String == "dang")
  }

  @Test func syllablesWithMarksGoToTheExactField() throws {
    let must = try #require(Self.bool(try Self.dsl("Đảng"))["must"] as? [Any])
    let term = try #require(Self.bodyClause(must[0])?["term"] as? [String: Any])
    #expect((term["text_exact"] as? [String: Any])?["value"] as? String == "đảng")
  }

  @Test func phrasesAreMatchPhraseOrSpansWhenTheyMix() throws {
    let exact = try #require(Self.bool(try Self.dsl("\"Thường vụ Thị uỷ\""))["must"] as? [Any])
    let phrase = try #require(Self.bodyClause(exact[0])?["match_phrase"] as? [String: Any])
    #expect((phrase["text_exact"] as? [String: Any])?["query"] as? String == "thường vụ thị ủy")
    let mixed = try #require(Self.bool(try Self.dsl("\"Ban thuong vụ\""))["must"] as? [Any])
    let spans = try #require(Self.bodyClause(mixed[0])?["span_near"] as? [String: Any])
    let clauses = try #require(spans["clauses"] as? [[String: Any]])
    #expect(clauses.count == 3)
    // The first syllable names the field; the other spellings are masked as it.
    #expect((clauses[0]["span_term"] as? [String: Any])?["text_folded"] as? String == "ban")
    let masked = try #require(clauses[2]["field_masking_span"] as? [String: Any])
    #expect(masked["field"] as? String == "text_folded")
    #expect(
      ((masked["query"] as? [String: Any])?["span_term"] as? [String: Any])?["text_exact"]
        as? String == "vụ")
  }

  @Test func entityFieldsAreFiltersAndExclusionsMustNot() throws {
    let bool = Self.bool(
      try Self.dsl("sinh hoạt cites:11-ĐA/TU -\"lãng phí\" unit:\"Thị uỷ Sơn Tây\""))
    let filters = try #require(bool["filter"] as? [[String: Any]])
    #expect((filters[0]["term"] as? [String: Any])?["cites"] as? String == "11-ĐA/TU")
    // Tone placement unified as the exporter writes names.
    #expect((filters[1]["term"] as? [String: Any])?["units"] as? String == "Thị ủy Sơn Tây")
    #expect((bool["must_not"] as? [Any])?.count == 1)
    #expect((bool["must"] as? [Any])?.count == 2)
  }

  @Test func aDocumentNumberIsAPhraseOfItsRuns() throws {
    // "đa" carries a mark, "11" and "tu" do not: spans over both fields, in order, no slop.
    let must = try #require(Self.bool(try Self.dsl("11-ĐA/TU"))["must"] as? [Any])
    let spans = try #require(Self.bodyClause(must[0])?["span_near"] as? [String: Any])
    #expect((spans["clauses"] as? [Any])?.count == 3 && spans["slop"] as? Int == 0)
    // Typed "11-DA/TU", all folded: one phrase on the folded field.
    let folded = try #require(Self.bool(try Self.dsl("11-DA/TU"))["must"] as? [Any])
    let phrase = try #require(Self.bodyClause(folded[0])?["match_phrase"] as? [String: Any])
    #expect((phrase["text_folded"] as? [String: Any])?["query"] as? String == "11 da tu")
  }

  @Test func badQueriesFailAsVitextSearchFails() {
    #expect(throws: QuerySyntaxError.self) { try OpenSearch.query("\"never closed") }
    #expect(throws: QuerySyntaxError.self) { try OpenSearch.query("OR") }
    #expect(throws: QuerySyntaxError.self) { try OpenSearch.query("issued:2024-13") }
    #expect(throws: QuerySyntaxError.self) { try OpenSearch.query("foo:bar") }
  }

  @Test func metadataFiltersAreADateRangeATermAndAPhrase() throws {
    let bool = Self.bool(
      try Self.dsl(
        "chi bộ issued:2021-01..2021-06 type:\"Kế hoạch\" issuer:\"Tỉnh uỷ Lào Cai\" -issued:2021-03"
      ))
    let filters = try #require(bool["filter"] as? [[String: Any]])
    let range = try #require((filters[0]["range"] as? [String: Any])?["issued"] as? [String: Any])
    #expect(range["gte"] as? String == "2021-01-01" && range["lte"] as? String == "2021-06-30")
    #expect((filters[1]["term"] as? [String: Any])?["type"] as? String == "Kế hoạch")
    #expect(
      (filters[2]["match_phrase"] as? [String: Any])?["issuer"] as? String == "Tỉnh ủy Lào Cai")
    let excluded = try #require(
      (bool["must_not"] as? [[String: Any]])?.first?["range"] as? [String: Any])
    #expect((excluded["issued"] as? [String: Any])?["lte"] as? String == "2021-03-31")
    // An open end has no bound.
    let open = try #require(
      (Self.bool(try Self.dsl("issued:2020..")))["filter"] as? [[String: Any]])
    #expect(((open[0]["range"] as? [String: Any])?["issued"] as? [String: Any])?["lte"] == nil)
  }

  @Test func theTemplateMapsEveryExportedField() throws {
    let text = OpenSearch.indexTemplate().serialized(pretty: true)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let template = try #require(object["template"] as? [String: Any])
    let properties = try #require(
      ((template["mappings"] as? [String: Any])?["properties"]) as? [String: Any])
    for field in ["title_exact", "title_folded", "text_exact", "text_folded", "words"] {
      #expect(
        (properties[field] as? [String: Any])?["analyzer"] as? String == "vitext_keys", "\(field)")
    }
    for field in ["cites", "officials", "units", "type"] {
      #expect((properties[field] as? [String: Any])?["type"] as? String == "keyword", "\(field)")
    }
    #expect((properties["issued"] as? [String: Any])?["type"] as? String == "date")
    #expect((properties["issuer"] as? [String: Any])?["analyzer"] as? String == "vitext_keys")
  }
}
