import Foundation
import Testing
import VietSearch
import VietTestSupport

/// Issue 25, point 2: a query typed without diacritics is shown back with the diacritics the
/// index and the language make most likely; the search itself stays folded.
@Suite struct SuggestionTests {
  static let documents = [
    ("circular", "Chế độ thai sản: lao động nữ sinh con được hưởng chế độ thai sản 6 tháng."),
    ("insurance", "Hồ sơ hưởng chế độ thai sản và chế độ ốm đau của người lao động."),
    ("tea", "Chè đỏ Thái sẵn có ở chợ; chè đỗ đen nấu với đường."),
    ("committee", "Ban Thường vụ Thị ủy sơ kết nguyên tắc tập trung dân chủ."),
    ("work", "Nguyên tác của tác giả được giữ; nguyên tắc làm việc của Thị ủy."),
  ]

  @Test func anUnaccentedQueryIsRestoredFromWordsAndTheIndex() throws {
    let index = try ScratchIndex().build(Self.documents)
    defer { index.cleanUp() }
    let search = try index.open()
    let response = try search.search("che do thai san", limit: 10, snippets: false)
    #expect(response.suggestion == "chế độ thai sản")
    // The search stays folded: the tea shop's "chè đỏ Thái sẵn" still matches.
    #expect(Set(response.hits.map(\.id)).isSuperset(of: ["circular", "insurance", "tea"]))
    // Between two words of the same folded form, the one the index holds more often.
    #expect(search.restoredDiacritics("nguyen tac") == "nguyên tắc")
  }

  @Test func marksTypedAreKeptAndCapitalsFollowTheTyping() throws {
    let index = try ScratchIndex().build(Self.documents)
    defer { index.cleanUp() }
    let search = try index.open()
    #expect(search.restoredDiacritics("Ban thuong vu Thi uy") == "Ban thường vụ Thị ủy")
    // "Thị" typed with its marks stays; the rest follows it.
    #expect(search.restoredDiacritics("Thị uy") == "Thị ủy")
  }

  @Test func nothingToSuggestForAccentedOrStructuredQueries() throws {
    let index = try ScratchIndex().build(Self.documents)
    defer { index.cleanUp() }
    let search = try index.open()
    #expect(try search.search("chế độ thai sản", limit: 1).suggestion == nil)
    #expect(search.restoredDiacritics("cites:11-ĐA/TU che do") == nil)
    #expect(search.restoredDiacritics("che OR do") == nil)
    #expect(search.restoredDiacritics("qxzvbk") == nil)
  }
}
