import Foundation
import Testing
import VietEntities
import VietTestSupport

/// Tagging in windows must give what tagging the whole document gives: the same spans, labels,
/// text and fields, with offsets into the whole document.
@Suite struct WindowTaggingTests {
  /// The seed articles one after another: one document of about 40 KB with many line breaks.
  func seedsAsOneDocument() throws -> [UInt8] {
    Array(try TestData.seeds().map(\.bytes).joined(separator: Array("\n".utf8)))
  }

  func windowed(_ text: [UInt8], windowBytes: Int, pieceSize: Int) throws -> [Entity] {
    var windows = EntityWindowTagger(tagger: tagger, windowBytes: windowBytes, overlapBytes: 1024)
    var found: [Entity] = []
    var offset = 0
    while offset < text.count {
      try windows.append(text[offset..<min(text.count, offset + pieceSize)]) { found += $0 }
      offset += pieceSize
    }
    try windows.finish { found += $0 }
    return found
  }

  @Test(arguments: [4096, 6000, 16384])
  func windowsFindWhatTheWholeDocumentHas(windowBytes: Int) throws {
    let text = try seedsAsOneDocument()
    let whole = try tagger.entities(inUTF8: text)
    #expect(whole.count > 40)
    // Pieces of odd sizes, cutting characters in two: the tagger must put them back together.
    let found = try windowed(text, windowBytes: windowBytes, pieceSize: 997)
    #expect(found.map(\.start) == whole.map(\.start))
    #expect(found.map(\.end) == whole.map(\.end))
    #expect(found.map(\.label) == whole.map(\.label))
    #expect(found.map { $0.text.bytes } == whole.map { $0.text.bytes })
    // Citations resolve to the same full citations across windows.
    #expect(
      found.compactMap { $0.decree?.resolvesTo } == whole.compactMap { $0.decree?.resolvesTo })
  }

  /// One line without a break (how a document squashed into one JSON string or a 50 MB line
  /// arrives): windows are cut after a full stop or a space, and still agree.
  @Test func oneLongLineIsCutAtSentencesOrSpaces() throws {
    let text = Array(
      String(decoding: try seedsAsOneDocument(), as: UTF8.self).replacingOccurrences(
        of: "\n", with: " "
      ).utf8)
    let whole = try tagger.entities(inUTF8: text)
    let found = try windowed(text, windowBytes: 8192, pieceSize: 4096)
    let key: (Entity) -> String = { "\($0.start) \($0.end) \($0.label) \($0.text)" }
    // A window's first sentence has no context before it; allow a handful of differences.
    let missing = Set(whole.map(key)).subtracting(found.map(key))
    let extra = Set(found.map(key)).subtracting(whole.map(key))
    #expect(missing.count + extra.count <= 4, "missing \(missing), extra \(extra)")
    #expect(found.count > 40)
  }

  /// The entity text is the document's own NFC text at the reported offsets, in every window.
  @Test func offsetsPointIntoTheWholeNFCText() throws {
    let text = try seedsAsOneDocument()
    let scalars = Array(
      String(decoding: text, as: UTF8.self).precomposedStringWithCanonicalMapping.unicodeScalars)
    for entity in try windowed(text, windowBytes: 4096, pieceSize: 1500) {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[entity.start..<entity.end])
      #expect(String(view).bytes == entity.text.bytes)
    }
  }
}
