import SearchCore
import VietEntities
import VietNormalization

/// One document analyzed and keyed, ready for the index writer.
///
/// Preparing is the larger half of adding a document (normalizing, tokenizing, building term
/// keys, tagging entities) and touches no shared state, so a build prepares documents on one
/// thread while the writer files the previous ones on another.
public struct PreparedDocument: Sendable {
  let id: [UInt8]
  let title: [UInt8]
  /// The text as stored (NFC, tone placement as written); empty when texts are not stored.
  let stored: [UInt8]
  /// Every term occurrence in order.
  var terms = CollectedTerms()
  var bodyLength: UInt32 = 0
}

/// Turns documents into `PreparedDocument`s: the analysis chain a `SearchIndexWriter` indexes
/// with. A value type with no shared state: each thread may hold its own copy.
public struct DocumentPreparer: Sendable {
  let analyzer = SearchAnalyzer()
  let storage = Normalizer(options: NormalizationOptions(toneStyle: .keep))
  let tagger: EntityTagger?
  /// Keep each document's text in the index (for snippets and the document view).
  let storesText: Bool

  public init(tagger: EntityTagger?, storesText: Bool) {
    self.tagger = tagger
    self.storesText = storesText
  }

  /// Analyzes a document whose text is known to be UTF-8 (NFC, NFD or mixed; clean-up applies).
  public func prepare(id: String, title: String = "", validUTF8 text: [UInt8]) throws -> PreparedDocument {
    // Stored as written (tone placement kept); indexed with canonical tone placement. Both
    // forms have the same code points, so token offsets point into the stored text.
    let stored = storesText ? try storage.normalize(validUTF8: text).bytes : []
    let analysis = try analyzer.analyze(storesText ? stored : text)
    let titleAnalysis = title.isEmpty ? nil : try analyzer.analyze(Array(title.utf8))

    var document = PreparedDocument(id: Array(id.utf8), title: Array(title.utf8), stored: stored)
    document.terms.ends.reserveCapacity(analysis.tokens.count)
    document.terms.positions.reserveCapacity(analysis.tokens.count)
    var length: UInt32 = 0
    if let titleAnalysis {
      analyzer.collectTerms(of: titleAnalysis, field: .title, into: &document.terms)
      // The title is searched by default too: its syllables come first in the body.
      length = analyzer.collectTerms(of: titleAnalysis, field: .body, into: &document.terms)
    }
    length += analyzer.collectTerms(of: analysis, field: .body, firstPosition: length, into: &document.terms)
    document.bodyLength = length
    if let tagger {
      appendEntities(tagger.entities(inNormalized: analysis.bytes, tokens: analysis.tokens), to: &document)
    }
    return document
  }

  private func appendEntities(_ entities: [Entity], to document: inout PreparedDocument) {
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
        key.withUnsafeBytes { document.terms.append($0, position: UInt32(position)) }
      }
    }
  }
}
