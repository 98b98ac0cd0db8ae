import Foundation
import SearchCore
import Testing
import VietEntities
@_spi(Internals) import VietSearch
import VietTestSupport

@Suite struct StorageTests {
  static func seedDocuments() throws -> [(String, String)] {
    try TestData.seeds().map {
      (String($0.name.dropLast(4)), String(decoding: $0.bytes, as: UTF8.self))
    }
  }

  @Test func aCommitIsInvisibleToOpenReadersAndReplacesByID() throws {
    let index = try ScratchIndex().build([
      ("a", "Đảng viên sinh hoạt chi bộ."), ("b", "Kinh tế tăng trưởng."),
    ])
    defer { index.cleanUp() }
    let before = try index.open()
    let writer = try SearchIndexWriter(path: index.path, create: false, tagger: nil)
    try writer.add(id: "b", text: Array("Kinh tế phục hồi, đảng viên gương mẫu.".utf8))
    #expect(writer.remove(id: "a"))
    #expect(!writer.remove(id: "missing"))
    try writer.commit()
    #expect(try before.search("đảng viên", snippets: false).hits.map(\.id) == ["a"])
    #expect(try index.ids("đảng viên") == ["b"])
    #expect(try index.ids("tăng trưởng").isEmpty)
    #expect(try index.open().documentCount == 1)
  }

  /// Postings pack the frequency into the document gap's varint up to 7 and follow it with a
  /// byte or more above: frequencies on both sides of each step, documents far apart (long
  /// gaps), and a phrase after every such posting (its positions must stay in step).
  @Test func frequenciesAndGapsOfEverySizeReadBackInRankAndPhrase() throws {
    let counts = [1, 6, 7, 8, 9, 134, 135, 136, 137, 700]
    var documents: [(String, String)] = []
    for number in 0..<2_200 {
      if let slot = [0, 17, 300, 301, 900, 1_500, 2_000, 2_050, 2_100, 2_199].firstIndex(of: number)
      {
        let n = counts[slot]
        // Every text is 1,400 syllables, so BM25 ranks by frequency alone.
        let text =
          String(repeating: "đảng viên ", count: n) + String(repeating: "chi bộ ", count: 700 - n)
        documents.append(("n\(n)", text))
      } else {
        documents.append(("filler\(number)", "Hội nghị sơ kết công tác quý."))
      }
    }
    let index = try ScratchIndex().build(documents)
    defer { index.cleanUp() }
    let ranked = try index.ids("đảng")
    #expect(ranked == counts.sorted(by: >).map { "n\($0)" })
    // "viên chi" where the repeated run meets the filler (every document but n700).
    #expect(Set(try index.ids("\"viên chi\"")) == Set(counts.filter { $0 < 700 }.map { "n\($0)" }))
    #expect(try index.ids("\"bộ đảng\"").isEmpty)
    #expect(try index.open().search("hội nghị", snippets: false).total == 2_190)
  }

  @Test func manySegmentsAnswerLikeOneAndMergeKeepsTheAnswers() throws {
    let documents = try Self.seedDocuments() + SampleDocuments.party
    let single = try ScratchIndex().build(documents)
    let split = try ScratchIndex().build(documents, flushEvery: 1)  // a segment per document
    defer {
      single.cleanUp()
      split.cleanUp()
    }
    #expect(try split.open().reader.segments.count == documents.count)
    let queries = [
      "sinh hoat chi bo", "\"Ban Thường vụ\"", "dang", "Đảng -chi", "thị ủy OR huyện ủy",
      "11-DA/TU", "đảng*",
    ]
    func answers(_ index: ScratchIndex) throws -> [[String]] {
      try queries.map { query in
        let response = try index.open().search(query, limit: 100, snippets: false)
        return ["\(response.total)"] + response.hits.map(\.id)
      }
    }
    let expected = try answers(single)
    #expect(try answers(split) == expected)
    try SearchIndexWriter(path: split.path, create: false, tagger: nil).mergeAll()
    #expect(try split.open().reader.segments.count == 1)
    #expect(try answers(split) == expected)
    // A merge decodes every position and codes it again for the merged segment: the result is
    // the segment one build writes, byte for byte.
    func segmentBytes(_ index: ScratchIndex) throws -> Data {
      try Data(
        contentsOf: URL(
          fileURLWithPath: index.path + "/" + (try index.open().reader.manifest.segments[0].file)))
    }
    #expect(try segmentBytes(split) == segmentBytes(single))
  }

  @Test func aSecondWriterIsRefusedWhileSearchesGoOn() throws {
    let index = try ScratchIndex().build(SampleDocuments.party)
    defer { index.cleanUp() }
    let first = try SearchIndexWriter(path: index.path, create: false, tagger: nil)
    #expect {
      _ = try SearchIndexWriter(path: index.path, create: false, tagger: nil)
    } throws: { error in
      (error as? IndexError)?.code == .locked && "\(error)".contains("another vitext process")
    }
    #expect(try index.ids("Đảng") == ["party"])
    _ = first
  }

  @Test func flippedAndTruncatedBytesAreReportedNotRead() throws {
    let index = try ScratchIndex().build(SampleDocuments.party)
    defer { index.cleanUp() }
    let segment = index.path + "/" + (try index.open().reader.manifest.segments[0].file)
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
    #expect(try index.open().reader.verify().isEmpty)
    // In the stored texts, which are checked when read: the index opens, `verify` finds it.
    let texts = try #require(DamageTests.sections(of: bytes).first { $0.kind == 8 })
    bytes[texts.offset + texts.length / 3] ^= 0x55
    try Data(bytes).write(to: URL(fileURLWithPath: segment))
    let damage = try index.open().reader.verify()
    #expect(damage.count == 1 && damage[0].code == .corrupt)
    // In the term dictionary, which is checked when the segment is opened.
    let terms = try #require(DamageTests.sections(of: bytes).first { $0.kind == 3 })
    bytes[terms.offset + terms.length / 3] ^= 0x55
    try Data(bytes).write(to: URL(fileURLWithPath: segment))
    #expect {
      _ = try index.open()
    } throws: { error in
      (error as? IndexError)?.code == .corrupt && "\(error)".contains("term dictionary")
    }
    try Data(bytes.prefix(bytes.count - 7)).write(to: URL(fileURLWithPath: segment))
    #expect {
      _ = try index.open()
    } throws: { error in (error as? IndexError)?.code == .corrupt }
    try Data().write(to: URL(fileURLWithPath: index.path + "/manifest.json"))
    #expect {
      _ = try index.open()
    } throws: { error in (error as? IndexError)?.code == .corrupt }
  }

  /// Damage the checksums would report (`index check`) but a search does not verify: bytes
  /// flipped all through a segment, its position streams among them. Every search either answers
  /// or reports the damage; none traps or reads outside the file.
  @Test func searchesOverFlippedBytesAnswerOrReportNeverTrap() throws {
    let index = try ScratchIndex().build(try Self.seedDocuments())
    defer { index.cleanUp() }
    let segment = index.path + "/" + (try index.open().reader.manifest.segments[0].file)
    let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
    let queries = [
      "\"sinh hoạt chi bộ\"", "sinh hoat chi bo", "\"chi bo\" dang", "đảng viên",
      "\"ban thường vụ\"",
    ]
    var answered = 0
    var reported = 0
    for step in 1..<300 {
      var bytes = original
      let offset = bytes.count * step / 300
      for delta in 0..<4 where offset + delta < bytes.count { bytes[offset + delta] ^= 0xA5 }
      try Data(bytes).write(to: URL(fileURLWithPath: segment))
      for query in queries {
        do {
          _ = try index.open().search(query, snippets: false)
          answered += 1
        } catch is IndexError {
          reported += 1
        }
      }
    }
    // Both outcomes occur: damage in the header or footer is refused at open, damage inside the
    // texts is not even read by these queries.
    #expect(answered > 0 && reported > 0, "answered \(answered), reported \(reported)")
  }

  @Test func aSegmentOfAnotherFormatIsRefusedWithARequestToRebuild() throws {
    let index = try ScratchIndex().build(SampleDocuments.party)
    defer { index.cleanUp() }
    let segment = index.path + "/" + (try index.open().reader.manifest.segments[0].file)
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
    // Format 3 wrote positions as varints; its segments cannot be read as format 4's.
    bytes[8] = 3
    try Data(bytes).write(to: URL(fileURLWithPath: segment))
    #expect {
      _ = try index.open()
    } throws: { error in
      (error as? IndexError)?.code == .version && "\(error)".contains("segment format 3")
        && "\(error)".contains("rebuild")
    }
  }

  @Test func theNextWriterRemovesWhatACrashLeftBehind() throws {
    let index = try ScratchIndex().build(SampleDocuments.party)
    defer { index.cleanUp() }
    for name in [
      "seg-000099.vtx", "seg-000001.vtx.del-7", "manifest.json.tmp",
      "defined-abbreviations.tsv.tmp",
    ] {
      try Data("half-written".utf8).write(to: URL(fileURLWithPath: index.path + "/" + name))
    }
    #expect(try index.ids("Đảng") == ["party"])
    _ = try SearchIndexWriter(path: index.path, create: false, tagger: nil)
    let left = try FileManager.default.contentsOfDirectory(atPath: index.path).sorted()
    // The committed table of defined abbreviations stays (`DefinedAbbreviations`).
    #expect(left == ["defined-abbreviations.tsv", "manifest.json", "seg-000001.vtx", "write.lock"])
  }

  @Test func entityFiltersFindCitationsOfficialsAndUnits() throws {
    let tagger = try EntityTagger.bundled()
    let index = try ScratchIndex().build(try Self.seedDocuments(), tagger: tagger)
    defer { index.cleanUp() }
    let hanoi: Set = ["000_958dd04866c0e41a", "002_b4ca7d83e2cfc9d7", "004_12ee37f62c8c5047"]
    #expect(try Set(index.ids("cites:11-ĐA/TU", tagger: tagger)) == hanoi)
    #expect(try Set(index.ids("cites:11-da/tu", tagger: tagger)) == hanoi)
    #expect(try Set(index.ids("cites:\"Đề án số 011-ĐA/TU\"", tagger: tagger)) == hanoi)
    #expect(try index.ids("cites:31-QĐi/TU", tagger: tagger) == ["001_4521fdce0f6e4571"])
    #expect(
      try index.ids("official:\"Nguyễn Quang Hán\"", tagger: tagger) == ["000_958dd04866c0e41a"])
    #expect(
      try index.ids("official:\"nguyen quang han\"", tagger: tagger) == ["000_958dd04866c0e41a"])
    #expect(try index.ids("unit:\"UBND huyện Đà Bắc\"", tagger: tagger).count == 1)
    #expect(
      try index.ids("official:\"Lê Thị Thu Hằng\"", tagger: tagger) == ["002_b4ca7d83e2cfc9d7"])
    #expect(try index.ids("unit:\"Quận uỷ Tây Hồ\"", tagger: tagger) == ["002_b4ca7d83e2cfc9d7"])
    #expect(
      try index.ids("sinh hoạt -cites:11-ĐA/TU", tagger: tagger).allSatisfy { !hanoi.contains($0) })
    #expect(try index.ids("official:\"Không Có Ai\"", tagger: tagger).isEmpty)
  }
}
