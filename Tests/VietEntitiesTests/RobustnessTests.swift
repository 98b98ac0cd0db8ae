import Foundation
import Testing
import VietEntities
import VietICU
import VietTestSupport

@Suite struct RobustnessTests {
  @Test func tonePlacementAndNFDGiveTheSameEntities() throws {
    let old = "Bí thư Quận ủy Tây Hồ Lê Thị Thu Hằng dự hội nghị của Ban Thường vụ Thị ủy khóa XII"
    let new = "Bí thư Quận uỷ Tây Hồ Lê Thị Thu Hằng dự hội nghị của Ban Thường vụ Thị uỷ khoá XII"
    let nfd = String(decoding: try ICU.normalize(Array(old.utf8), to: .nfd), as: UTF8.self)
    let reference = try tagger.entities(in: old)
    #expect(reference.map(\.label) == [.official, .unit])
    for variant in [new, nfd] {
      let found = try tagger.entities(in: variant)
      #expect(found.map(\.label) == reference.map(\.label))
      #expect(found.map(\.start) == reference.map(\.start))
      #expect(found.map(\.end) == reference.map(\.end))
    }
    // Text is what was written (the NFC of it), not the normalizer's tone placement.
    #expect(try tagger.entities(in: new).last?.text.bytes == "Ban Thường vụ Thị uỷ khoá XII".bytes)
  }

  @Test func offsetsAreCodePointsIntoTheNFCTextPastRemovedCharacters() throws {
    // A zero-width space and a soft hyphen are removed by the clean-up; offsets still point into
    // the caller's text.
    let text = "Sáng\u{200B} 11/6, Ban Thường vụ Thị ủy\u{00AD} họp."
    let scalars = Array(text.unicodeScalars)
    for entity in try tagger.entities(in: text) {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[entity.start..<entity.end])
      #expect(String(view).bytes == entity.text.bytes)
    }
  }

  @Test func emptyAndEntityFreeTextGiveNothing() throws {
    #expect(try tagger.entities(in: "").isEmpty)
    #expect(try tagger.entities(in: "\n\n  \n").isEmpty)
    #expect(try tagger.entities(in: "Trời hôm nay đẹp, mọi người đi chơi.").isEmpty)
  }

  /// Runs of separators and digits must not make any recognizer backtrack: a 10 MB line with no
  /// entity and 200 KB of "/-" both finish (in linear time, which the benchmarks measure).
  @Test func hugeAndPathologicalLinesFinish() throws {
    let line = String(repeating: "chất lượng sinh hoạt chi bộ được nâng lên ", count: 250_000)
    #expect(line.utf8.count > 10_000_000)
    #expect(try tagger.entities(in: line).isEmpty)
    let slashes =
      String(repeating: "1/-/-2-/3/", count: 20_000) + " "
      + String(repeating: "Số: ", count: 20_000)
    _ = try tagger.entities(in: slashes)
    let titles = String(repeating: "Phó Bí thư, ", count: 20_000)
    #expect(try tagger.entities(in: titles).filter { $0.label == .official }.isEmpty)
  }
}

@Suite struct SeedArticleTests {
  /// The acceptance example: the Sơn Tây seed article.
  @Test func sonTaySeedHasTheDecreeAndTheOfficial() throws {
    let seed = try #require(try TestData.seeds().first { $0.name.hasPrefix("000_") })
    let found = try tagger.entities(in: String(decoding: seed.bytes, as: UTF8.self))
    let decree = try #require(
      found.first { $0.text == "Đề án số 11-ĐA/TU, ngày 06/12/2021" }?.decree)
    #expect(
      decree.type == "Đề án" && decree.number == "11" && decree.typeCode == "ĐA"
        && decree.issuerCode == "TU")
    #expect(
      decree.issuedDate?.description == "2021-12-06"
        && decree.issuerName == "Ban Thường vụ Thành ủy")
    let official = try #require(found.first { $0.label == .official }?.official)
    #expect(official.name == "Nguyễn Quang Hán")
    #expect(official.titles == ["Phó Bí thư Thường trực Thị ủy", "Chủ tịch HĐND thị xã"])
  }

  @Test func citationReportCountsTheHanoiSeedsForDeAn11() throws {
    var report = CitationReport(lexicon: tagger.lexicon)
    for seed in try TestData.seeds() {
      report.add(
        documentID: String(seed.name.dropLast(4)),
        entities: try tagger.entities(in: String(decoding: seed.bytes, as: UTF8.self)))
    }
    let row = try #require(report.sortedRows.first)
    #expect(row.key == "11-ĐA/TU")
    #expect(
      row.citingDocuments == [
        "000_958dd04866c0e41a", "002_b4ca7d83e2cfc9d7", "004_12ee37f62c8c5047",
      ])
    #expect(row.issuedDate == "2021-12-06")
  }
}
