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
  let body: Body
  let titleAnalysis: SearchAnalyzer.Analysis?
  /// Keys of the documents it cites, the officials and the units it names, and of its own
  /// metadata.
  var entityTerms = DocumentTerms()

  /// A document's body, ready to be keyed.
  enum Body: Sendable {
    /// Text and tokens whole: keyed on the writer's thread, which balances a build's two
    /// threads (see `DocumentPreparer.key`).
    case analyzed(SearchAnalyzer.Analysis)
    /// A long document's body as windows of normalized text (what `SearchAnalyzer.analyze`
    /// makes of each), tokenized and keyed one at a time: a whole text's tokens take 40 bytes
    /// each, one per 5–6 bytes of text, about 7 times the text.
    case windows([[UInt8]])
  }
}

/// The analysis chain a `SearchIndexWriter` indexes with. A value type with no shared state:
/// each thread may hold its own copy.
public struct DocumentPreparer: Sendable {
  let analyzer = SearchAnalyzer()
  let storage = Normalizer(options: NormalizationOptions(toneStyle: .keep))
  let tagger: EntityTagger?
  /// Keep each document's text in the index (for snippets and the document view).
  let storesText: Bool
  /// Texts longer than this are normalized, analyzed and tagged in windows of about this size.
  let windowBytes: Int

  /// - Parameters:
  ///   - tagger: extracts the entity filters; nil indexes text only.
  ///   - storesText: keep each document's text (snippets, the document view).
  ///   - windowBytes: texts longer than this are prepared a window at a time (cut at a line
  ///     break, else a space), so memory follows the window, not the document: a 60 MB text
  ///     whole holds about 13 times its size. The index is the same either way.
  public init(tagger: EntityTagger?, storesText: Bool, windowBytes: Int = 1 << 20) {
    self.tagger = tagger
    self.storesText = storesText
    self.windowBytes = max(4 << 10, windowBytes)
  }

  /// Analyzes a document whose text is known to be UTF-8 (NFC, NFD or mixed; clean-up applies),
  /// with its own metadata when known (indexed for `issued:`, `type:`, `issuer:`, and stored).
  ///
  /// - Throws: `ICUError` when ICU cannot normalize the text.
  public func prepare(
    id: String, title: String = "", validUTF8 text: [UInt8], metadata: DocumentMetadata? = nil
  ) throws -> PreparedDocument {
    let titleAnalysis = title.isEmpty ? nil : try analyzer.analyze(Array(title.utf8))
    var document =
      text.count > windowBytes
      ? try prepareInWindows(id: id, title: title, titleAnalysis: titleAnalysis, validUTF8: text)
      : try prepareWhole(id: id, title: title, titleAnalysis: titleAnalysis, validUTF8: text)
    if let metadata { try appendMetadata(metadata, to: &document.entityTerms) }
    return document
  }

  /// `prepare` for a text of at most `windowBytes`: normalized, analyzed and tagged whole.
  private func prepareWhole(
    id: String, title: String, titleAnalysis: SearchAnalyzer.Analysis?, validUTF8 text: [UInt8]
  ) throws -> PreparedDocument {
    // Stored as written (tone placement kept); indexed with canonical tone placement. Both
    // forms have the same code points, so token offsets point into the stored text.
    let stored = storesText ? try storage.normalize(validUTF8: text).bytes : []
    let analysis = try analyzer.analyze(storesText ? stored : text)
    var document = PreparedDocument(
      id: Array(id.utf8), title: Array(title.utf8), stored: stored, body: .analyzed(analysis), titleAnalysis: titleAnalysis)
    if let tagger {
      appendEntities(tagger.entities(inNormalized: analysis.bytes, tokens: analysis.tokens), to: &document.entityTerms)
    }
    return document
  }

  /// `prepare` for a long text: each window is normalized for storage and for search and tagged;
  /// it is tokenized and keyed only by `key`. A cut after a line break or a space is a boundary
  /// for NFC, for tone placement (a syllable never spans it) and for tokens, so the windows'
  /// terms are the whole text's; entities are tagged by `EntityWindowTagger`, which reads past
  /// each cut.
  private func prepareInWindows(
    id: String, title: String, titleAnalysis: SearchAnalyzer.Analysis?, validUTF8 text: [UInt8]
  ) throws -> PreparedDocument {
    var stored: [UInt8] = []
    if storesText { stored.reserveCapacity(text.count) }
    var body: [[UInt8]] = []
    var windows = tagger.map { EntityWindowTagger(tagger: $0) }
    var entities: [Entity] = []
    var start = 0
    while start < text.count {
      let end = Self.windowEnd(in: text, from: start, size: windowBytes)
      var window = Array(text[start..<end])
      if storesText {
        window = try storage.normalize(validUTF8: window).bytes
        stored += window
      }
      let normalized = try analyzer.normalizer.normalize(validUTF8: window).bytes
      try windows?.append(normalized) { entities += $0 }
      body.append(normalized)
      start = end
    }
    try windows?.finish { entities += $0 }
    var document = PreparedDocument(
      id: Array(id.utf8), title: Array(title.utf8), stored: stored, body: .windows(body),
      titleAnalysis: titleAnalysis)
    if tagger != nil { appendEntities(entities, to: &document.entityTerms) }
    return document
  }

  /// Where the window that starts at `start` ends: after the last line break of its second
  /// half, else after its last space, else at the next space or line break after it (a text
  /// without either is one word, which must not be cut).
  static func windowEnd(in text: [UInt8], from start: Int, size: Int) -> Int {
    let limit = start + size
    guard limit < text.count else { return text.count }
    let floor = start + size / 2
    if let newline = text[floor..<limit].lastIndex(of: 0x0A) { return newline + 1 }
    if let space = text[floor..<limit].lastIndex(where: { $0 == 0x20 || $0 == 0x09 }) { return space + 1 }
    if let next = text[limit...].firstIndex(where: { $0 == 0x0A || $0 == 0x20 || $0 == 0x09 }) { return next + 1 }
    return text.count
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
    switch document.body {
    case .analyzed(let analysis):
      length += analyzer.forEachTerm(in: analysis, field: .body, firstPosition: length) { key, position, _ in
        sink.add(key, position: position)
      }
    case .windows(let windows):
      for window in windows {
        let analysis = SearchAnalyzer.Analysis(bytes: window, tokens: window.withUnsafeBufferPointer { analyzer.tokenizer.tokens(in: $0) })
        length += analyzer.forEachTerm(in: analysis, field: .body, firstPosition: length) { key, position, _ in
          sink.add(key, position: position)
        }
      }
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
