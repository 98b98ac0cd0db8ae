import Foundation
import SearchCore
import Testing
import VietSearch

@Suite struct MatchingTests {
  @Test func syllableTypedWithDiacriticsMatchesOnlyThatSpelling() throws {
    let index = try ScratchIndex().build(SampleDocuments.party)
    defer { index.cleanUp() }
    #expect(try index.ids("Đảng") == ["party"])
    #expect(try index.ids("đang") == ["busy"])
    #expect(try Set(index.ids("đăng")) == ["post"])
  }

  @Test func syllableTypedWithoutDiacriticsMatchesEverySpelling() throws {
    let index = try ScratchIndex().build(SampleDocuments.party)
    defer { index.cleanUp() }
    // "dang" itself occurs only in "dang dở", which earns it no rank of its own (RankingTests).
    #expect(try Set(index.ids("dang")) == ["party", "busy", "form", "plain", "post"])
  }

  @Test func mixedQueriesDecidePerSyllable() throws {
    let index = try ScratchIndex().build(SampleDocuments.party)
    defer { index.cleanUp() }
    // "dang" folded, "viên" exact: only "Đảng viên".
    #expect(try index.ids("\"dang viên\"") == ["party"])
    #expect(try index.ids("\"dang vien\"") == ["party"])
    #expect(try index.ids("\"đang viên\"").isEmpty)
  }

  @Test func tonePlacementCaseAndNFDDoNotSplitTheVocabulary() throws {
    let nfd = "Ban Thường vụ Thị ủy họp".decomposedStringWithCanonicalMapping
    #expect(Array(nfd.utf8) != Array("Ban Thường vụ Thị ủy họp".utf8))
    let index = try ScratchIndex().build([
      ("new-style", "Ban Thường vụ Thị uỷ họp"), ("old-style", "THỊ ỦY Sơn Tây"), ("nfd", nfd),
    ])
    defer { index.cleanUp() }
    for query in ["Thị ủy", "Thị uỷ", "thị ủy", "\"thi uy\""] {
      #expect(try Set(index.ids(query)) == ["new-style", "old-style", "nfd"], "\(query)")
    }
  }

  @Test func documentNumbersAreFoundAsTypedWithOrWithoutDiacritics() throws {
    let index = try ScratchIndex().build([
      ("scheme", "Thực hiện Đề án số 11-ĐA/TU, ngày 06/12/2021 của Ban Thường vụ Thành ủy."),
      ("decree", "Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư."),
      ("other", "Đề án số 12-ĐA/TU về phát triển đô thị."),
    ])
    defer { index.cleanUp() }
    #expect(try index.ids("11-ĐA/TU") == ["scheme"])
    #expect(try index.ids("11-DA/TU") == ["scheme"])
    #expect(try index.ids("30/2020/nđ-cp") == ["decree"])
    #expect(try index.ids("\"Nghị định số 30/2020/NĐ-CP\"") == ["decree"])
  }

  @Test func phrasesNeedConsecutiveSyllablesAndSkipPunctuation() throws {
    let index = try ScratchIndex().build([
      ("phrase", "Nâng cao chất lượng sinh hoạt chi bộ."),
      ("apart", "Sinh hoạt của chi bộ, hoạt động chi bộ và sinh hoạt chuyên đề."),
      ("comma", "Ngăn chặn tự diễn biến, tự chuyển hóa trong nội bộ."),
    ])
    defer { index.cleanUp() }
    #expect(try index.ids("\"sinh hoạt chi bộ\"") == ["phrase"])
    #expect(try Set(index.ids("sinh hoạt chi bộ")) == ["phrase", "apart"])
    #expect(try index.ids("\"tự diễn biến, tự chuyển hoá\"") == ["comma"])
  }

  @Test func booleanOperatorsAndPrefixes() throws {
    let index = try ScratchIndex().build(SampleDocuments.party)
    defer { index.cleanUp() }
    #expect(try Set(index.ids("Đảng OR đăng")) == ["party", "post"])
    #expect(try Set(index.ids("dang -đang")) == ["party", "form", "plain", "post"])
    #expect(try Set(index.ids("dang -\"đang làm\"")) == ["party", "form", "plain", "post"])
    #expect(try Set(index.ids("thông tin")) == ["post"])
    #expect(try Set(index.ids("chuẩ*")) == ["busy"])
    #expect(try Set(index.ids("chu*")) == ["busy"])  // "chuẩn", folded prefix
    #expect(try Set(index.ids("\"cổng thông t*\"")) == ["post"])
  }

  @Test func bm25RanksMoreFrequentMentionsFirstAndCountsEveryMatch() throws {
    let index = try ScratchIndex().build([
      (
        "once", "Tham nhũng là quốc nạn. Các cơ quan cần phối hợp chặt chẽ trong công tác kiểm tra."
      ),
      ("thrice", "Phòng chống tham nhũng: xử lý tham nhũng, ngăn ngừa tham nhũng."),
      ("none", "Kinh tế tăng trưởng ổn định."),
    ])
    defer { index.cleanUp() }
    let response = try index.open().search("tham nhũng", limit: 1)
    #expect(response.total == 2)
    #expect(response.hits.map(\.id) == ["thrice"])
  }

  @Test func snippetHighlightsAreCodePointSpansOfTheMatches() throws {
    let index = try ScratchIndex().build([
      ("phrase", "Hội nghị nhằm nâng cao chất lượng sinh hoạt chi bộ, nhất là ở Quận uỷ Tây Hồ.")
    ])
    defer { index.cleanUp() }
    let hit = try #require(try index.open().search("sinh hoat chi bo quan uy").hits.first)
    let snippet = try #require(hit.snippet)
    let scalars = Array(snippet.text.unicodeScalars)
    let marked = snippet.highlights.map { range in String(String.UnicodeScalarView(scalars[range]))
    }
    // As written (tone placement kept), adjacent matches joined.
    #expect(marked == ["sinh hoạt chi bộ", "Quận uỷ"])
  }
}
