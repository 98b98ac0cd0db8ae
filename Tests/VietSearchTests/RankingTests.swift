import Foundation
import SearchCore
import Testing
@_spi(Internals) import VietSearch
import VietTestSupport

/// How hits are ordered: BM25 over what matched (folded statistics for syllables typed without
/// diacritics), spellings weighed by the query's context, titles counting more; never a tier.
@Suite struct RankingTests {
  /// BM25's IDF as Lucene and tantivy compute it, written out here so the expectations do not
  /// come from the code under test.
  static func idf(documentFrequency df: Double, documents n: Double) -> Double {
    log(1 + (n - df + 0.5) / (df + 0.5))
  }

  @Test func foldedSyllablesAreScoredByTheFoldedKeysStatistics() throws {
    // Every document is two tokens long, so BM25's length part is 1 and a single occurrence
    // scores tf·(k1+1)/(tf+k1) = 1: a hit's score is its IDF.
    let index = try ScratchIndex().build([
      ("member", "Đảng viên"), ("working", "đang làm"), ("office", "cơ quan"), ("form", "dạng mới"),
    ])
    defer { index.cleanUp() }
    let search = try index.open()
    // "dang" typed without marks: its folded key is in three of four documents.
    let folded = try search.search("dang", limit: 10, snippets: false)
    #expect(Set(folded.hits.map(\.id)) == ["member", "working", "form"])
    for hit in folded.hits {
      #expect(
        abs(Double(hit.score) - Self.idf(documentFrequency: 3, documents: 4)) < 1e-4,
        "\(hit.id) \(hit.score)")
    }
    // "Đảng" typed with marks: its own spelling, in one document.
    let exact = try search.search("Đảng", limit: 10, snippets: false)
    #expect(exact.hits.map(\.id) == ["member"])
    #expect(abs(Double(exact.hits[0].score) - Self.idf(documentFrequency: 1, documents: 4)) < 1e-4)
  }

  @Test func aDocumentSpelledInPlainASCIIDoesNotOutrankABetterMatch() throws {
    // The slug holds "che do thai san" spelled exactly as typed; the circular is about maternity
    // leave and says so three times. Before, the ASCII spelling won a tier of its own.
    let index = try ScratchIndex().build([
      (
        "slug",
        "thong-tu-so-12-2024 che do thai san lao dong nu va nhiều nội dung khác về bảo hiểm xã hội, tiền lương, hưu trí"
      ),
      (
        "circular",
        "Chế độ thai sản: lao động nữ sinh con được hưởng chế độ thai sản 6 tháng; hồ sơ hưởng chế độ thai sản gồm giấy khai sinh."
      ),
      ("tea", "Chè đỏ Thái sẵn có ở chợ."),
    ])
    defer { index.cleanUp() }
    let hits = try index.ids("che do thai san")
    #expect(Set(hits) == ["slug", "circular", "tea"])
    #expect(hits.first == "circular")
  }

  @Test func spellingsTheQueryMeansCountMoreThanOtherSpellings() throws {
    // Both documents hold a spelling of "chuyen" and of "doi"; only the first holds the word
    // "chuyển đổi". It is the longer one, so plain folded BM25 would put the other first.
    let index = try ScratchIndex().build([
      (
        "digital",
        "Chuyển đổi số là nhiệm vụ trọng tâm của các cơ quan trong năm nay và những năm tới."
      ),
      ("trip", "Chuyến đi của đội về sớm."),
    ])
    defer { index.cleanUp() }
    #expect(try index.ids("chuyen doi") == ["digital", "trip"])
    // Typed with marks the query matches its spelling only.
    #expect(try index.ids("chuyển đổi") == ["digital"])
  }

  @Test func titleMatchesCountMoreThanBodyMatches() throws {
    let index = ScratchIndex()
    defer { index.cleanUp() }
    let writer = try SearchIndexWriter(path: index.path, create: true, tagger: nil)
    try writer.add(
      id: "titled", title: "Quy định về chế độ thai sản",
      text: Array(
        "Người lao động được nghỉ theo quy định của pháp luật về bảo hiểm xã hội khi sinh con.".utf8
      ))
    try writer.add(
      id: "body", title: "Hướng dẫn thủ tục hành chính",
      text: Array("Hồ sơ gồm giấy tờ về chế độ thai sản và các chế độ khác theo quy định.".utf8))
    try writer.commit()
    for query in ["chế độ thai sản", "che do thai san"] {
      #expect(try index.ids(query) == ["titled", "body"], "\(query)")
    }
  }

  @Test func aShortTitleOfTheQuerysWordsBeatsALongOneThatAlsoHoldsThem() throws {
    let index = ScratchIndex()
    defer { index.cleanUp() }
    let writer = try SearchIndexWriter(path: index.path, create: true, tagger: nil)
    let body = Array("Người lao động được hưởng theo quy định của Luật Bảo hiểm xã hội.".utf8)
    try writer.add(
      id: "long",
      title: "Quy định chi tiết về chế độ thai sản và các chế độ khác của người lao động",
      text: body)
    try writer.add(id: "short", title: "Chế độ thai sản", text: body)
    try writer.commit()
    // The title's length (kept per document in the segment) normalizes its match.
    #expect(try index.ids("chế độ thai sản") == ["short", "long"])
    #expect(try index.ids("che do thai san") == ["short", "long"])
  }

  @Test func hitsAreAlwaysOrderedByTheirScore() throws {
    let documents = try TestData.seeds().map {
      ($0.name, String(decoding: $0.bytes, as: UTF8.self))
    }
    let index = try ScratchIndex().build(documents + SampleDocuments.party)
    defer { index.cleanUp() }
    let search = try index.open()
    let queries = [
      "sinh hoat chi bo", "sinh hoạt chi bộ", "dang vien", "Đảng viên", "chi bo OR dang", "thi uy",
      "Thị ủy -Sơn",
      "\"ban thuong vu\"", "nang cao chat luong", "ban", "dang", "de an 11", "Đề án 11-ĐA/TU",
      "to chuc co so dang",
    ]
    for query in queries {
      let scores = try search.search(query, limit: 50, snippets: false).hits.map(\.score)
      #expect(!scores.isEmpty, "\(query)")
      #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 }, "\(query): \(scores)")
    }
  }

  @Test func highlightsLieInsidePhraseMatchesAndKeepTheTypedSpelling() throws {
    let text =
      "Bạn đọc gửi bản tin tới Ban Thường vụ Huyện ủy; cán bộ đang chuẩn bị báo cáo cho Đảng ủy xã."
    let index = try ScratchIndex().build([("report", text)])
    defer { index.cleanUp() }
    let search = try index.open()
    func highlighted(_ query: String) throws -> [String] {
      let snippet = try #require(try search.search(query, limit: 1).hits.first?.snippet)
      let scalars = Array(snippet.text.unicodeScalars)
      return snippet.highlights.map { String(String.UnicodeScalarView(scalars[$0])) }
    }
    // The phrase is marked where it occurs, not "Bạn" or "bản" on their own.
    #expect(try highlighted("\"Ban Thường vụ\"") == ["Ban Thường vụ"])
    #expect(try highlighted("\"ban thuong vu\"") == ["Ban Thường vụ"])
    // Typed with marks, "Đảng" marks "Đảng" and not "đang"; typed without, both.
    #expect(try highlighted("Đảng") == ["Đảng"])
    #expect(try highlighted("dang") == ["đang", "Đảng"])
  }

  /// A phrase that rescores an AND query's best matches (checked per document through skip
  /// entries) scores each of them exactly as the phrase run as a query of its own (which
  /// decodes its rarest word's postings) does.
  @Test func phrasesRescoringMatchesScoreAsThePhraseQueryDoes() throws {
    let documents = try TestData.seeds().map {
      ($0.name, String(decoding: $0.bytes, as: UTF8.self))
    }
    let index = try ScratchIndex().build(documents + SampleDocuments.party)
    defer { index.cleanUp() }
    let reader = try index.open().reader
    let keys = TermKeys()
    func word(_ syllable: String) -> TermMatcher {
      let exact = keys.exact(Array(syllable.utf8), field: .body)
      return TermKeys.hasDiacritics(exact)
        ? TermMatcher(folded: keys.folded(exact), exact: exact) : TermMatcher(folded: exact)
    }
    func scores(_ query: CoreQuery) throws -> [Int: Float] {
      Dictionary(
        uniqueKeysWithValues: try reader.search(query, limit: 1000).hits.map {
          ($0.document, $0.score)
        })
    }
    for words in [
      ["sinh", "hoat", "chi", "bo"], ["Đảng", "viên", "chi", "bộ"],
      ["ban", "thuong", "vu", "thi", "uy"],
    ] {
      let terms = words.map(word)
      let phrases = stride(from: 0, to: terms.count - 1, by: 2).map {
        CoreQuery.phrase([terms[$0], terms[$0 + 1]])
      }
      let plain = try scores(.all(terms.map { .term($0) }))
      let rescored = try scores(.boosted(.all(terms.map { .term($0) }), by: phrases, weight: 1))
      let phraseScores = try phrases.map(scores)
      #expect(!plain.isEmpty && plain.count <= 100, "\(words)")
      #expect(Set(rescored.keys) == Set(plain.keys), "\(words)")
      #expect(phraseScores.contains { !$0.isEmpty }, "\(words)")
      for (document, score) in plain {
        let expected = score + phraseScores.reduce(Float(0)) { $0 + ($1[document] ?? 0) }
        #expect(abs(rescored[document]! - expected) < 1e-4, "\(words) \(document)")
      }
    }
  }
}
