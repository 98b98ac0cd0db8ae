import Foundation
import SearchCore
import Testing
@_spi(Benchmarks) @_spi(Internals) import VietSearch
import VietTestSupport

/// Damage found when read (issue 21, point 6): bytes flipped anywhere in an index segment
/// give an `IndexError` of code `corrupt` from the search that reads them, never a different
/// answer. Until version 5 only `vitext index check` noticed: a search showed the flipped
/// bytes in its snippets and exited 0.
@Suite struct DamageTests {
  /// One section of a segment as its footer lists it (FORMAT.md).
  struct Section {
    var kind: UInt32
    var offset: Int
    var length: Int
  }

  /// The footer's section table, read as FORMAT.md describes it (not through the reader under
  /// test).
  static func sections(of bytes: [UInt8]) -> [Section] {
    func u32(_ at: Int) -> UInt32 {
      bytes[at..<(at + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
    func u64(_ at: Int) -> Int {
      Int(bytes[at..<(at + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }
    let count = Int(u32(bytes.count - 16))
    let start = bytes.count - 16 - count * 24
    return (0..<count).map { index in
      let base = start + index * 24
      return Section(kind: u32(base), offset: u64(base + 8), length: u64(base + 16))
    }
  }

  /// What a search answers, everything a user sees: total, ids, titles, scores and snippets.
  static func answer(_ index: SearchIndex, _ query: String) throws -> [String] {
    let response = try index.search(query, limit: 100, facetLimit: 5)
    let facets = response.facets.keys.sorted { $0.rawValue < $1.rawValue }.map { field in
      response.facets[field, default: []].map { "\($0.key)=\($0.documents)" }.joined(separator: ",")
    }
    return ["\(response.total)"] + facets
      + response.hits.map {
        "\($0.id)|\($0.title)|\($0.score)|\($0.snippet?.text ?? "")|\($0.heading)"
      }
  }

  /// Term, phrase (positions), OR, unmarked and prefix queries, and one that matches every seed
  /// document, so every stored entry is read for its snippet.
  static let queries = [
    "\"sinh hoạt chi bộ\"", "sinh hoat chi bo", "đảng viên OR chi ủy", "\"ban thường vụ\" đảng",
    "nghị*", "chi OR của OR và OR các",
  ]

  @Test func flippedBytesInEverySectionFailTheSearchThatReadsThemNeverAlterIt() throws {
    let index = try ScratchIndex().build(try StorageTests.seedDocuments())
    defer { index.cleanUp() }
    let segment = index.path + "/" + (try index.open().reader.manifest.segments[0].file)
    let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
    let reference = try Self.queries.map { try Self.answer(try index.open(), $0) }
    // The last query matches every seed document: its snippets read every stored entry.
    #expect(reference[5][0] == "5")
    let sections = Self.sections(of: original)
    #expect(sections.count == 13, "a version 5 segment lists 13 sections")
    let blockChecked: Set<UInt32> = [4, 5, 8]  // postings, positions, documentStrings
    var random = SystemRandomNumberGenerator()
    var failedByKind: [UInt32: Int] = [:]
    var flipsByKind: [UInt32: Int] = [:]
    for section in sections where section.length > 0 {
      // Every byte of a short section, 48 spread over a long one, and 16 at random.
      let spread =
        section.length <= 64 ? Array(0..<section.length) : (0..<48).map { section.length * $0 / 48 }
      let offsets =
        spread + (0..<16).map { _ in Int.random(in: 0..<section.length, using: &random) }
      for offset in offsets {
        var bytes = original
        let bit = UInt8(1) << UInt8(offset % 8)
        bytes[section.offset + offset] ^= bit
        try Data(bytes).write(to: URL(fileURLWithPath: segment))
        flipsByKind[section.kind, default: 0] += 1
        var failed = 0
        for (query, expected) in zip(Self.queries, reference) {
          do {
            let got = try Self.answer(try index.open(), query)
            #expect(
              got == expected,
              "section \(section.kind), byte \(offset) changed the answer to \(query) without an error"
            )
          } catch let error as IndexError {
            #expect(error.code == .corrupt, "section \(section.kind), byte \(offset): \(error)")
            failed += 1
          }
        }
        if !blockChecked.contains(section.kind) {
          // Checked whole when the segment is opened: every query fails.
          #expect(
            failed == Self.queries.count,
            "section \(section.kind), byte \(offset): \(failed) queries failed")
        }
        if section.kind == 8 {
          // Every stored entry is read by the last query's snippets.
          #expect(failed >= 1, "stored documents, byte \(offset): no query failed")
        }
        if failed > 0 { failedByKind[section.kind, default: 0] += 1 }
      }
    }
    // Postings and positions flips fail the queries whose terms they hold; with a few seed
    // documents most flips fall in a block some query reads.
    for kind in blockChecked {
      let flips = flipsByKind[kind, default: 0]
      #expect(
        flips > 0 && failedByKind[kind, default: 0] * 2 > flips,
        "section \(kind): \(failedByKind[kind, default: 0]) of \(flips) flips failed a query")
    }
    try Data(original).write(to: URL(fileURLWithPath: segment))
    #expect(try Self.queries.map { try Self.answer(try index.open(), $0) } == reference)
  }

  /// The error names the damage (the core names no command: the CLI adds the one to run); it is
  /// raised by the search, not only by `index check`, and a later read of the same block fails
  /// again (damage is never cached).
  @Test func aDamagedStoredTextIsReportedByEverySearchThatShowsIt() throws {
    let index = try ScratchIndex().build(try StorageTests.seedDocuments())
    defer { index.cleanUp() }
    let segment = index.path + "/" + (try index.open().reader.manifest.segments[0].file)
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
    let strings = try #require(Self.sections(of: bytes).first { $0.kind == 8 })
    bytes[strings.offset + strings.length / 2] ^= 0x20  // a letter's case: still valid UTF-8
    try Data(bytes).write(to: URL(fileURLWithPath: segment))
    let opened = try index.open()
    for _ in 0..<2 {
      #expect {
        _ = try opened.search("chi OR của OR và OR các", limit: 100)
      } throws: { error in
        let text = "\(error)"
        return (error as? IndexError)?.code == .corrupt && text.contains("stored documents")
          && text.contains("damaged")
          && !text.contains("vitext index")
      }
    }
    // Ranking alone reads no stored entry, and does not depend on them.
    #expect(
      try opened.rank(try opened.coreQuery("chi OR của OR và OR các"), limit: 100).hits.count == 5)
  }

  /// A version 4 segment (no block checksums) is still read, its large sections checked whole
  /// against the footer: damage is found the same way.
  @Test func aVersion4SegmentIsReadAndCheckedWhole() throws {
    let index = try ScratchIndex().build(try StorageTests.seedDocuments())
    defer { index.cleanUp() }
    let segment = index.path + "/" + (try index.open().reader.manifest.segments[0].file)
    let reference = try Self.queries.map { try Self.answer(try index.open(), $0) }
    let version5 = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment)))
    let version4 = Self.droppingBlockChecksums(version5)
    try Data(version4).write(to: URL(fileURLWithPath: segment))
    #expect(try Self.queries.map { try Self.answer(try index.open(), $0) } == reference)
    #expect(try index.open().reader.verify().isEmpty)
    var damaged = version4
    let strings = try #require(Self.sections(of: version4).first { $0.kind == 8 })
    damaged[strings.offset + 7] ^= 0x01
    try Data(damaged).write(to: URL(fileURLWithPath: segment))
    #expect {
      _ = try index.open().search("chi OR của OR và OR các", limit: 100)
    } throws: { error in (error as? IndexError)?.code == .corrupt }
  }

  /// The segment as format 4 wrote it: the same sections without `blockChecksums`, version 4 in
  /// the header, the footer rewritten.
  static func droppingBlockChecksums(_ bytes: [UInt8]) -> [UInt8] {
    let kept = sections(of: bytes).filter { $0.kind != 13 }
    let checksums = footerChecksums(bytes)
    var output = Array(bytes[0..<(kept.map { $0.offset + $0.length }.max()!)])
    while output.count % 8 != 0 { output.append(0) }
    output[8] = 4
    var footer: [UInt8] = []
    func put<T: FixedWidthInteger>(_ value: T) {
      withUnsafeBytes(of: value.littleEndian) { footer.append(contentsOf: $0) }
    }
    for section in kept {
      put(section.kind)
      put(checksums[section.kind]!)
      put(UInt64(section.offset))
      put(UInt64(section.length))
    }
    put(UInt32(kept.count))
    let tableChecksum = CRC32.checksum(footer)
    output += footer
    withUnsafeBytes(of: tableChecksum.littleEndian) { output.append(contentsOf: $0) }
    output += Array("VTXFOOT1".utf8)
    return output
  }

  static func footerChecksums(_ bytes: [UInt8]) -> [UInt32: UInt32] {
    func u32(_ at: Int) -> UInt32 {
      bytes[at..<(at + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
    let count = Int(u32(bytes.count - 16))
    let start = bytes.count - 16 - count * 24
    return Dictionary(
      uniqueKeysWithValues: (0..<count).map { (u32(start + $0 * 24), u32(start + $0 * 24 + 4)) })
  }
}
