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

  @Test func aSyllableNoWordCoversTakesTheSpellingItsNeighboursMake() throws {
    // "thuế" is the more frequent spelling of "thue" here, but no document holds it after
    // "hoạch": the title "Lập kế hoạch thuê" means renting.
    let index = try ScratchIndex().build([
      ("rent", "Lập kế hoạch thuê tài sản của đơn vị sự nghiệp công lập."),
      ("tax", "Người nộp thuế kê khai thuế giá trị gia tăng theo tháng."),
      ("office", "Cơ quan thuế kiểm tra hồ sơ khai thuế của người nộp thuế."),
      ("rented", "Tài sản đi thuê được hạch toán riêng."),
    ])
    defer { index.cleanUp() }
    let search = try index.open()
    #expect(search.restoredDiacritics("lap ke hoach thue") == "lập kế hoạch thuê")
    #expect(search.restoredDiacritics("nguoi nop thue") == "người nộp thuế")
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
