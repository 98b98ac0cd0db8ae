import Foundation
import Testing
import VietTestSupport

@testable import SearchCore
@testable import VietSearch

/// A long document reaches the segment buffer without its occurrences held as pairs and
/// without its text held twice (issue 21: index build of a 100 MB document within 200 MB).
/// Both savings must leave the segment file byte for byte as it was.
@Suite struct LongDocumentBufferTests {
  /// The seed articles, then all of them run together four times (about 90 KB, one document).
  static func documents() throws -> [(id: String, text: [UInt8])] {
    let seeds = try TestData.seeds()
    let joined = Array(seeds.map(\.bytes).joined(separator: Array("\n\n".utf8)))
    return seeds.map { (String($0.name.dropLast(4)), $0.bytes) } + [
      ("all", Array([joined, joined, joined, joined].joined()))
    ]
  }

  /// The segment file `buffer` writes after being given `documents`, keyed as an index build
  /// keys bodies.
  /// With `fromFiles`, every text is handed over on disk (`SpillFile`), as a long one is.
  static func segmentBytes(
    _ buffer: inout SegmentBuffer, _ documents: [(id: String, text: [UInt8])], in folder: String,
    fromFiles: Bool = false
  ) throws -> [UInt8] {
    let analyzer = SearchAnalyzer()
    let directory = IndexDirectory(path: folder)
    try directory.create()
    for (id, text) in documents {
      if fromFiles {
        let file = try SpillFile(in: directory)
        // Appended in two parts, as windows are.
        file.append(Array(text.prefix(text.count / 3)))
        file.append(Array(text.dropFirst(text.count / 3)))
        buffer.beginDocument(id: Array(id.utf8), title: [], storedText: file)
      } else {
        buffer.beginDocument(id: Array(id.utf8), title: [], text: text)
      }
      let analysis = try analyzer.analyze(text)
      let length = analyzer.forEachTerm(in: analysis, field: .body) { key, position, _ in
        buffer.addTerm(key, position: position)
      }
      buffer.endDocument(bodyLength: length)
    }
    try buffer.write(to: directory, name: "seg.vtx", folding: TermKeys())
    return try directory.read("seg.vtx")
  }

  static func scratchFolder() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-longdoc-\(UUID().uuidString)"
    ).path
  }

  @Test func perTermGapsAndSpilledTextsWriteTheSameSegment() throws {
    let documents = try Self.documents()
    let folders = (0..<3).map { _ in Self.scratchFolder() }
    defer { for folder in folders { try? FileManager.default.removeItem(atPath: folder) } }

    var ordinary = SegmentBuffer()
    let expected = try Self.segmentBytes(&ordinary, documents, in: folders[0])

    // Every document past 64 occurrences goes the long way; the spill starts at the first text
    // of 100 bytes, so ids, titles and texts before and after it cross the file.
    var long = SegmentBuffer(spillDirectory: IndexDirectory(path: folders[1]))
    long.longDocumentPairs = 64
    long.spillTextBytes = 100
    let written = try Self.segmentBytes(&long, documents, in: folders[1])
    #expect(written.count == expected.count)
    #expect(written == expected, "the long-document paths changed the segment file")

    // The spill file was unlinked when made: nothing but the segment is left in the folder.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folders[1]) == ["seg.vtx"])

    // Texts handed over on disk, as `DocumentPreparer` hands a long one to the writer.
    var fromFiles = SegmentBuffer(spillDirectory: IndexDirectory(path: folders[2]))
    fromFiles.longDocumentPairs = 64
    #expect(
      try Self.segmentBytes(&fromFiles, documents, in: folders[2], fromFiles: true) == expected)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folders[2]) == ["seg.vtx"])
  }

  @Test func gapsComeBackExactlyEvenForRepeatedAndFallingPositions() {
    var positions = LongDocumentPositions()
    let sequence: [(UInt32, UInt32)] = [
      (7, 0), (3, 5), (7, 2), (7, 2), (3, 1), (7, 300_000), (9, UInt32.max), (7, 1),
    ]
    for (term, position) in sequence { positions.append(term: term, position: position) }
    #expect(positions.terms == [7, 3, 9])
    var decoded: [UInt32] = []
    positions.decode(slot: 0, into: &decoded)
    #expect(decoded == [0, 2, 2, 300_000, 1])
    positions.decode(slot: 1, into: &decoded)
    #expect(decoded == [5, 1])
    positions.decode(slot: 2, into: &decoded)
    #expect(decoded == [UInt32.max])
  }
}
