import SearchCore
import VietEntities
import VietDocuments
import VietNormalization

/// One document analyzed and tagged, ready for the index writer.
///
/// A build prepares documents on one thread (normalizing, tokenizing, tagging entities) while
/// the writer keys and files the previous ones on another; no state is shared between the two.
public struct PreparedDocument: Sendable {
  let id: [UInt8]
  let title: [UInt8]
  /// The text as stored (NFC, tone placement as written); empty when texts are not stored.
  let stored: [UInt8]
  let analysis: SearchAnalyzer.Analysis
  let titleAnalysis: SearchAnalyzer.Analysis?
  /// Keys of the documents it cites, the officials and the units it names, and of its own
  /// metadata.
  var entityTerms = DocumentTerms()
}

/// The analysis chain a `SearchIndexWriter` indexes with. A value type with no shared state:
/// each thread may hold its own copy.
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

  /// Analyzes a document whose text is known to be UTF-8 (NFC, NFD or mixed; clean-up applies),
  /// with its own metadata when known (indexed for `issued:`, `type:`, `issuer:`, and stored).
  public func prepare(
    id: String, title: String = "", validUTF8 text: [UInt8], metadata: DocumentMetadata? = nil
  ) throws -> PreparedDocument {
    // Stored as written (tone placement kept); indexed with canonical tone placement. Both
    // forms have the same code points, so token offsets point into the stored text.
    let stored = storesText ? try storage.normalize(validUTF8: text).bytes : []
    let analysis = try analyzer.analyze(storesText ? stored : text)
    var document = PreparedDocument(
      id: Array(id.utf8), title: Array(title.utf8), stored: stored, analysis: analysis,
      titleAnalysis: title.isEmpty ? nil : try analyzer.analyze(Array(title.utf8)))
    if let tagger {
      appendEntities(tagger.entities(inNormalized: analysis.bytes, tokens: analysis.tokens), to: &document.entityTerms)
    }
    if let metadata { try appendMetadata(metadata, to: &document.entityTerms) }
    return document
  }

  /// Reports every term of `document` (title, then body, then entities) to `sink`; returns
  /// its body length for BM25. Done on the writer's side of a build: with it there, the two
  /// threads of a build take about the same time (measured on the gov corpus).
  func key(_ document: PreparedDocument, into sink: borrowing SegmentBuffer.TermSink) -> UInt32 {
    var length: UInt32 = 0
    if let titleAnalysis = document.titleAnalysis {
      let titleLength = analyzer.forEachTerm(in: titleAnalysis, field: .title) { key, position, _ in sink.add(key, position: position) }
      sink.setTitleLength(titleLength)
      // The title is searched by default too: its syllables come first in the body.
      length = analyzer.forEachTerm(in: titleAnalysis, field: .body) { key, position, _ in sink.add(key, position: position) }
    }
    length += analyzer.forEachTerm(in: document.analysis, field: .body, firstPosition: length) { key, position, _ in
      sink.add(key, position: position)
    }
    sink.add(document.entityTerms)
    return length
  }

  func appendEntities(_ entities: [Entity], to terms: inout DocumentTerms) {
    var names: [SearchField: [[UInt8]]] = [:]
    for key in CitationReport.citedKeys(in: entities) { names[.cites, default: []].append(Array(key.utf8)) }
    for entity in entities {
      switch entity.label {
      case .official:
        if let official = entity.official { names[.official, default: []].append(Array(EntityName.display(official.name).utf8)) }
      case .unit: names[.unit, default: []].append(Array(EntityName.display(entity.text).utf8))
      default: break
      }
    }
    // Positions number a field's entries in order of mention: entity fields need no phrases,
    // only non-decreasing positions.
    for field in [SearchField.cites, .official, .unit] {
      for (position, name) in (names[field] ?? []).enumerated() {
        var key = analyzer.keys.exact(name, field: field)
        if key.count > IndexLimits.maximumKeyLength { key = Array(key.prefix(IndexLimits.maximumKeyLength)).droppingPartialScalar() }
        key.withUnsafeBytes { terms.append($0, position: UInt32(position)) }
        // The name as written beside its key, so facets and the citation table show the most
        // frequent written form ("Bộ Tài chính"), not the lower-case key.
        var display = DisplayNames.key(exact: key, written: name)
        if display.count > IndexLimits.maximumKeyLength {
          display = Array(display.prefix(IndexLimits.maximumKeyLength)).droppingPartialScalar()
        }
        display.withUnsafeBytes { terms.append($0, position: UInt32(position)) }
      }
    }
  }
}
