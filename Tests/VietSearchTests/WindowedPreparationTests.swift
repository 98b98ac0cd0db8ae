import Foundation
import SearchCore
import Testing
import VietEntities
import VietTestSupport

@testable import VietSearch

/// A long document is prepared for the index a window at a time (issue 21: a 60 MB text held
/// about 13 times its size whole). The windows must not change the index: the same terms at the
/// same positions, the same stored text, the same entity filters as the whole text gives.
@Suite struct WindowedPreparationTests {
  /// The seed articles run together as one long report with line breaks (22 KB), and a copy
  /// with no line break at all (cuts must then fall at spaces).
  static func longTexts() throws -> [(String, [UInt8])] {
    let joined = try TestData.seeds().map(\.bytes).joined(separator: Array("\n\n".utf8))
    let report = Array(joined) + Array(joined)
    let oneLine = report.map { $0 == 0x0A ? 0x20 : $0 }
    return [("report", report), ("one-line", oneLine)]
  }

  /// The same documents indexed by `preparer`, with the results of `queries` and each
  /// document's stored text.
  static func index(
    _ documents: [(String, [UInt8])], preparer: DocumentPreparer, queries: [String],
    tagger: EntityTagger
  ) throws -> (results: [String], stored: [String]) {
    let scratch = ScratchIndex()
    defer { scratch.cleanUp() }
    let writer = try SearchIndexWriter(path: scratch.path, create: true, tagger: tagger)
    for (id, text) in documents {
      try writer.add(preparer.prepare(id: id, title: "Báo cáo tổng hợp", validUTF8: text))
    }
    try writer.commit()
    let index = try scratch.open(tagger: tagger)
    var results: [String] = []
    for query in queries {
      let response = try index.search(query, limit: 10, facetLimit: 20)
      var line = "\(query) → \(response.total):"
      for hit in response.hits {
        line +=
          " \(hit.id) \(hit.score) \(hit.snippet?.text ?? "") \(hit.snippet?.highlights ?? [])"
      }
      for field in response.facets.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
        line +=
          " | \(field):"
          + response.facets[field]!.map { "\($0.label)=\($0.documents)" }.joined(separator: ",")
      }
      results.append(line)
    }
    let stored = try documents.map { try index.document(id: $0.0)?.text ?? "<missing>" }
    return (results, stored)
  }

  @Test func windowsGiveTheIndexTheWholeTextGives() throws {
    let tagger = try EntityTagger.bundled()
    let documents = try Self.longTexts()
    // Phrases that cross lines and windows, words typed with and without marks, title words,
    // entity filters, a prefix.
    let queries = [
      "\"sinh hoạt chi bộ\"", "dang vien", "Đảng bộ", "báo cáo", "\"tổng hợp\"", "nghị*",
      "ban thuong vu", "chi bộ -huyện", "nghị quyết OR quyết định",
    ]
    let whole = try Self.index(
      documents, preparer: DocumentPreparer(tagger: tagger, storesText: true), queries: queries,
      tagger: tagger)
    let windowed = try Self.index(
      documents, preparer: DocumentPreparer(tagger: tagger, storesText: true, windowBytes: 4096),
      queries: queries, tagger: tagger)
    #expect(windowed.stored == whole.stored)
    #expect(windowed.stored.allSatisfy { $0.utf8.count > 40_000 })
    for (a, b) in zip(windowed.results, whole.results) { #expect(a == b) }
    // The stored text set aside on disk and read back a window at a time, as a long one is.
    let folder = ScratchIndex()
    defer { folder.cleanUp() }
    try IndexDirectory(path: folder.path).create()
    var spilling = DocumentPreparer(
      tagger: tagger, storesText: true, windowBytes: 4096,
      spillDirectory: IndexDirectory(path: folder.path))
    spilling.spillTextBytes = 0
    #expect(try spilling.prepare(id: "x", validUTF8: documents[0].1).storedFile != nil)
    let spilled = try Self.index(documents, preparer: spilling, queries: queries, tagger: tagger)
    #expect(spilled.stored == whole.stored)
    for (a, b) in zip(spilled.results, whole.results) { #expect(a == b) }
    // The queries found something: the comparison is not between two empty answers.
    #expect(whole.results.filter { !$0.contains("→ 0:") }.count >= 8)
  }

  @Test func windowEndsFallAtLineBreaksThenSpacesAndNeverInsideAWord() {
    let text = Array("Nghị quyết của Ban Chấp hành\nĐảng bộ tỉnh khóa XV về công tác cán bộ".utf8)
    let atLine = DocumentPreparer.windowEnd(in: text, from: 0, size: 40)
    #expect(text[atLine - 1] == 0x0A)
    let atSpace = DocumentPreparer.windowEnd(in: text, from: atLine, size: 24)
    #expect(text[atSpace - 1] == 0x20 && atSpace <= atLine + 24)
    let word = Array("Chấp_hành_Trung_ương_Đảng_khóa_XIII rồi".utf8)
    let past = DocumentPreparer.windowEnd(in: word, from: 0, size: 8)
    #expect(
      String(decoding: word[..<past], as: UTF8.self) == "Chấp_hành_Trung_ương_Đảng_khóa_XIII ")
    #expect(DocumentPreparer.windowEnd(in: text, from: 0, size: 1_000) == text.count)
  }
}
