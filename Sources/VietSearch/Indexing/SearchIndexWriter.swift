import SearchCore
import VietEntities
import VietNormalization
import VietText

/// Adds Vietnamese documents to an index: their text as syllables (body), their title, and, when
/// an entity tagger is given, the documents they cite, the officials and the units they name,
/// so queries can filter on them (`cites:`, `official:`, `unit:`).
public final class SearchIndexWriter {
  public let writer: IndexWriter
  let analyzer = SearchAnalyzer()
  let storage = Normalizer(options: NormalizationOptions(toneStyle: .keep))
  let tagger: EntityTagger?
  /// Keep each document's text in the index (for snippets and the document view).
  let storesText: Bool

  /// Opens or creates the index at `path` for writing.
  ///
  /// - Parameters:
  ///   - tagger: extracts entity filters; nil indexes text only.
  ///   - storesText: false leaves texts out (no snippets), as an index used only for counting.
  public init(path: String, create: Bool, tagger: EntityTagger?, storesText: Bool = true) throws(IndexError) {
    writer = try IndexWriter(directory: IndexDirectory(path: path), folding: TermKeys(), analyzer: SearchAnalyzer.name, create: create)
    writer.forwardFields = [SearchField.cites.rawValue, SearchField.official.rawValue, SearchField.unit.rawValue]
    self.tagger = tagger
    self.storesText = storesText
  }

  /// Adds (or replaces, by id) one document.
  ///
  /// - Parameter text: UTF-8 text (NFC, NFD or mixed; clean-up is applied).
  /// - Throws: `InvalidUTF8Error` when `text` is not UTF-8 (nothing is added).
  public func add(id: String, title: String = "", text: [UInt8]) throws {
    if let bad = text.withUnsafeBufferPointer(UTF8Scanning.firstInvalidOffset) {
      throw InvalidUTF8Error(source: id, byteOffset: bad)
    }
    try add(id: id, title: title, validUTF8: text)
  }

  /// Adds (or replaces) a document whose text the caller has already checked to be UTF-8 (a
  /// reader that reports bad bytes with their file and line does so once, not twice).
  public func add(id: String, title: String = "", validUTF8 text: [UInt8]) throws {
    // Stored as written (tone placement kept); indexed with canonical tone placement. Both
    // forms have the same code points, so token offsets point into the stored text.
    let stored = storesText ? try storage.normalize(validUTF8: text).bytes : []
    let analysis = try analyzer.analyze(storesText ? stored : text)
    let titleAnalysis = title.isEmpty ? nil : try analyzer.analyze(Array(title.utf8))

    writer.beginDocument(id: Array(id.utf8), title: Array(title.utf8), text: stored)
    var length: UInt32 = 0
    if let titleAnalysis {
      analyzer.forEachTerm(in: titleAnalysis, field: .title) { key, position, _ in writer.addTerm(key, position: position) }
      // The title is searched by default too: its syllables come first in the body.
      length = analyzer.forEachTerm(in: titleAnalysis, field: .body) { key, position, _ in writer.addTerm(key, position: position) }
    }
    let offset = length
    length += analyzer.forEachTerm(in: analysis, field: .body) { key, position, _ in writer.addTerm(key, position: offset + position) }
    if let tagger {
      addEntities(tagger.entities(inNormalized: analysis.bytes, tokens: analysis.tokens))
    }
    try writer.endDocument(bodyLength: length)
  }

  private func addEntities(_ entities: [Entity]) {
    var names: [SearchField: [[UInt8]]] = [:]
    for key in CitationReport.citedKeys(in: entities) { names[.cites, default: []].append(Array(key.utf8)) }
    for entity in entities {
      switch entity.label {
      case .official: if let official = entity.official { names[.official, default: []].append(Array(official.name.utf8)) }
      case .unit: names[.unit, default: []].append(Array(entity.text.utf8))
      default: break
      }
    }
    // Positions number a field's entries in order of mention: entity fields need no phrases,
    // only non-decreasing positions.
    for field in [SearchField.cites, .official, .unit] {
      for (position, name) in (names[field] ?? []).enumerated() {
        var key = analyzer.keys.exact(name, field: field)
        if key.count > IndexLimits.maximumKeyLength { key = Array(key.prefix(IndexLimits.maximumKeyLength)).droppingPartialScalar() }
        key.withUnsafeBytes { writer.addTerm($0, position: UInt32(position)) }
      }
    }
  }

  public func remove(id: String) -> Bool { writer.remove(id: Array(id.utf8)) }
  public func commit() throws(IndexError) { try writer.commit() }
  public func mergeAll() throws(IndexError) { try writer.mergeAll() }
}

extension Array where Element == UInt8 {
  /// Drops a UTF-8 sequence cut short at the end.
  func droppingPartialScalar() -> [UInt8] {
    var end = count
    while end > 0 && self[end - 1] & 0xC0 == 0x80 { end -= 1 }
    if end > 0 && self[end - 1] >= 0xC0 { end -= 1 }
    // `end` now starts the last (possibly whole) sequence; keep it only if it was whole.
    let lead = end < count ? self[end] : 0
    let expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    return end < count && count - end == expected ? self : Array(self[..<end])
  }
}
