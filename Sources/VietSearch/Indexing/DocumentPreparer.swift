import SearchCore
import VietDocuments
import VietEntities
import VietNormalization

/// One document analyzed and tagged, ready for the index writer.
///
/// A build prepares documents on one thread (normalizing, tokenizing, tagging entities) while
/// the writer keys and files the previous ones on another; no state is shared between the two.
public struct PreparedDocument: Sendable {
  let id: [UInt8]
  let title: [UInt8]
  /// The text as stored (NFC, tone placement as written); empty when texts are not stored or
  /// wait on disk in `storedFile`.
  let stored: [UInt8]
  /// A long text as stored, set aside on disk while it waits for the writer (`SpillFile`).
  var storedFile: SpillFile? = nil
  let body: Body
  let titleAnalysis: SearchAnalyzer.Analysis?
  /// Keys of the documents it cites, the officials and the units it names, and of its own
  /// metadata.
  var entityTerms = DocumentTerms()
  /// A long document's entity keys, each once with its positions (`EntityKeyCollector`).
  var entityPostings: [(key: [UInt8], positions: [UInt32])] = []
  /// The abbreviations the text defines for itself ("Ủy ban Kiểm tra (UBKT)"), counted by the
  /// writer into the index's `DefinedAbbreviations`.
  var definedAbbreviations: [DefinedAbbreviations.Definition] = []

  /// A document's body, ready to be keyed.
  enum Body: Sendable {
    /// Text and tokens whole: keyed on the writer's thread, which balances a build's two
    /// threads (see `DocumentPreparer.key`).
    case analyzed(SearchAnalyzer.Analysis)
    /// A long document's body as windows of `source` (the stored text, or the text as given when
    /// texts are not stored) ending at `ends`, normalized for search, tokenized and keyed one at
    /// a time by `DocumentPreparer.key`: a whole text's tokens take 40 bytes each, one per 5–6
    /// bytes of text, about 7 times the text, and its normalized copy as much as the text.
    case windows(source: [UInt8], ends: [Int])
    /// The same, read back a window at a time from the stored text on disk (`storedFile`).
    case storedWindows(ends: [Int])
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
  /// Where a text of `spillTextBytes` or more waits, as stored, between this preparer and the
  /// writer (`SpillFile`); nil keeps every text in memory.
  let spillDirectory: IndexDirectory?
  /// The shortest text set aside on disk when `spillDirectory` is given (a variable only for
  /// tests).
  var spillTextBytes = 4 << 20

  /// - Parameters:
  ///   - tagger: extracts the entity filters; nil indexes text only.
  ///   - storesText: keep each document's text (snippets, the document view).
  ///   - windowBytes: texts longer than this are prepared a window at a time (cut at a line
  ///     break, else a space), so memory follows the window, not the document: a 60 MB text
  ///     whole holds about 13 times its size. The index is the same either way.
  ///   - spillDirectory: the index folder, where a stored text of 4 MiB or more waits on disk
  ///     instead of in memory (the index is the same either way).
  public init(
    tagger: EntityTagger?, storesText: Bool, windowBytes: Int = 1 << 20,
    spillDirectory: IndexDirectory? = nil
  ) {
    self.tagger = tagger
    self.storesText = storesText
    self.windowBytes = max(4 << 10, windowBytes)
    self.spillDirectory = spillDirectory
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
    // Read from the text as given (NFC or not; the definitions come out NFC): a scan for "(",
    // done here on the preparing thread rather than on the writer's.
    document.definedAbbreviations = DefinedAbbreviations.definitions(in: text)
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
      id: Array(id.utf8), title: Array(title.utf8), stored: stored, body: .analyzed(analysis),
      titleAnalysis: titleAnalysis)
    if let tagger {
      appendEntities(
        tagger.entities(inNormalized: analysis.bytes, tokens: analysis.tokens),
        to: &document.entityTerms)
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
    // A long stored text is written to disk window by window and read back by `key`: held in
    // memory it would be a second copy of the text beside the one being read (clean-up changes
    // most windows: a no-break space, a soft hyphen), and it would stay while the writer works.
    var file: SpillFile?
    if storesText, text.count >= spillTextBytes, let directory = spillDirectory {
      file = try SpillFile(in: directory)
    }
    var changedStored: [UInt8]?
    var ends: [Int] = []
    var windows = tagger.map { EntityWindowTagger(tagger: $0) }
    var entities = EntityKeyCollector(keys: analyzer.keys)
    var start = 0
    while start < text.count {
      let end = Self.windowEnd(in: text, from: start, size: windowBytes)
      var window = Array(text[start..<end])
      if storesText {
        window = try storage.normalize(validUTF8: window).bytes
        if let file {
          file.append(window)
          ends.append(file.count)
        } else {
          // In memory, the stored text shares the given text's bytes until a window changes.
          if changedStored == nil && !window.elementsEqual(text[start..<end]) {
            changedStored = Array(text[..<start])
            changedStored!.reserveCapacity(text.count)
          }
          changedStored? += window
          ends.append(changedStored?.count ?? end)
        }
      } else {
        ends.append(end)
      }
      let normalized = try analyzer.normalizer.normalize(validUTF8: window).bytes
      try windows?.append(normalized) { entities.add($0) }
      start = end
    }
    try windows?.finish { entities.add($0) }
    if let failure = file?.failure { throw failure }
    let stored = storesText && file == nil ? changedStored ?? text : []
    var document = PreparedDocument(
      id: Array(id.utf8), title: Array(title.utf8), stored: stored, storedFile: file,
      body: file == nil
        ? .windows(source: storesText ? stored : text, ends: ends) : .storedWindows(ends: ends),
      titleAnalysis: titleAnalysis)
    document.entityPostings = entities.postings()
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
    if let space = text[floor..<limit].lastIndex(where: { $0 == 0x20 || $0 == 0x09 }) {
      return space + 1
    }
    if let next = text[limit...].firstIndex(where: { $0 == 0x0A || $0 == 0x20 || $0 == 0x09 }) {
      return next + 1
    }
    return text.count
  }

  /// Reports every term of `document` (title, then body, then entities) to `sink`; returns
  /// its body length for BM25. Done on the writer's side of a build: with it there, the two
  /// threads of a build take about the same time (measured on the gov corpus).
  func key(_ document: PreparedDocument, into sink: borrowing SegmentBuffer.TermSink) -> UInt32 {
    var length: UInt32 = 0
    if let titleAnalysis = document.titleAnalysis {
      let titleLength = analyzer.forEachTerm(in: titleAnalysis, field: .title) { key, position, _ in
        sink.add(key, position: position)
      }
      sink.setTitleLength(titleLength)
      // The title is searched by default too: its syllables come first in the body.
      length = analyzer.forEachTerm(in: titleAnalysis, field: .body) { key, position, _ in
        sink.add(key, position: position)
      }
    }
    switch document.body {
    case .analyzed(let analysis):
      length += analyzer.forEachTerm(in: analysis, field: .body, firstPosition: length) {
        key, position, _ in
        sink.add(key, position: position)
      }
    case .windows, .storedWindows:
      let ends: [Int]
      switch document.body {
      case .windows(_, let windowEnds), .storedWindows(let windowEnds): ends = windowEnds
      default: ends = []
      }
      var start = 0
      for end in ends {
        let piece: [UInt8]
        if case .windows(let source, _) = document.body {
          piece = Array(source[start..<end])
        } else if let file = document.storedFile, let read = try? file.read(start..<end) {
          piece = read
        } else {
          // The file keeps the failure: `SearchIndexWriter.add` throws it and drops the document.
          break
        }
        // `prepareInWindows` normalized these very bytes without error, and normalization is
        // deterministic: it can fail here only when memory runs out.
        guard let window = try? analyzer.normalizer.normalize(validUTF8: piece).bytes else {
          fatalError("normalizing a window that normalized before failed: out of memory")
        }
        start = end
        let analysis = SearchAnalyzer.Analysis(
          bytes: window,
          tokens: window.withUnsafeBufferPointer { analyzer.tokenizer.tokens(in: $0) })
        length += analyzer.forEachTerm(in: analysis, field: .body, firstPosition: length) {
          key, position, _ in
          sink.add(key, position: position)
        }
      }
    }
    sink.add(document.entityTerms)
    for (key, positions) in document.entityPostings {
      key.withUnsafeBytes { key in for position in positions { sink.add(key, position: position) } }
    }
    return length
  }

  func appendEntities(_ entities: [Entity], to terms: inout DocumentTerms) {
    var names: [SearchField: [[UInt8]]] = [:]
    for key in CitationReport.citedKeys(in: entities) {
      names[.cites, default: []].append(Array(key.utf8))
    }
    for entity in entities {
      switch entity.label {
      case .official:
        if let official = entity.official {
          names[.official, default: []].append(Array(EntityName.display(official.name).utf8))
        }
      case .unit: names[.unit, default: []].append(Array(EntityName.display(entity.text).utf8))
      default: break
      }
    }
    // Positions number a field's entries in order of mention: entity fields need no phrases,
    // only non-decreasing positions.
    for field in [SearchField.cites, .official, .unit] {
      for (position, name) in (names[field] ?? []).enumerated() {
        var key = analyzer.keys.exact(name, field: field)
        if key.count > IndexLimits.maximumKeyLength {
          key = Array(key.prefix(IndexLimits.maximumKeyLength)).droppingPartialScalar()
        }
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

/// A long document's entity filter keys, gathered a window's entities at a time (`appendEntities`
/// gathers a whole document's): each key once with its positions, and of its citations only the
/// keys, so memory follows the distinct names, not the mentions (a 60 MB gov text names some
/// hundred thousand; held as entities they took over 100 MB). The keys and positions are those
/// `appendEntities` gives.
struct EntityKeyCollector {
  let keys: TermKeys
  /// Per decree citation so far, in order, the id of its own key (`CitationReport.ownKey`) in
  /// `citationKeys`, -1 for none: what a later citation resolving to it is keyed by.
  private var ownKeys: [Int32] = []
  private var citationKeys: [String] = []
  private var citationKeyIDs: [String: Int32] = [:]
  /// Entries so far per field: the next position.
  private var counts: [SearchField: UInt32] = [:]
  private var positions: [[UInt8]: [UInt32]] = [:]
  /// Keys in the order first met, so the document's terms come out the same every time.
  private var order: [[UInt8]] = []

  init(keys: TermKeys) { self.keys = keys }

  /// Adds one window's entities (`EntityWindowTagger` order).
  mutating func add(_ entities: [Entity]) {
    let first = ownKeys.count
    for entity in entities {
      guard let citation = entity.decree else { continue }
      guard let key = CitationReport.ownKey(of: citation) else {
        ownKeys.append(-1)
        continue
      }
      if let id = citationKeyIDs[key] {
        ownKeys.append(id)
      } else {
        citationKeyIDs[key] = Int32(citationKeys.count)
        ownKeys.append(Int32(citationKeys.count))
        citationKeys.append(key)
      }
    }
    var index = first
    for entity in entities {
      if let citation = entity.decree {
        // As `CitationReport.citedKeys`: the key of the citation it resolves to, else its own.
        let target = citation.resolvesTo ?? index
        index += 1
        if target < ownKeys.count, ownKeys[target] >= 0 {
          add(Array(EntityName.display(citationKeys[Int(ownKeys[target])]).utf8), field: .cites)
        }
      }
      switch entity.label {
      case .official:
        if let official = entity.official {
          add(Array(EntityName.display(official.name).utf8), field: .official)
        }
      case .unit: add(Array(EntityName.display(entity.text).utf8), field: .unit)
      default: break
      }
    }
  }

  private mutating func add(_ name: [UInt8], field: SearchField) {
    let position = counts[field, default: 0]
    counts[field] = position + 1
    var key = keys.exact(name, field: field)
    if key.count > IndexLimits.maximumKeyLength {
      key = Array(key.prefix(IndexLimits.maximumKeyLength)).droppingPartialScalar()
    }
    var display = DisplayNames.key(exact: key, written: name)
    if display.count > IndexLimits.maximumKeyLength {
      display = Array(display.prefix(IndexLimits.maximumKeyLength)).droppingPartialScalar()
    }
    for term in [key, display] {
      if positions[term] == nil { order.append(term) }
      positions[term, default: []].append(position)
    }
  }

  /// Every key with its positions, in the order first met.
  func postings() -> [(key: [UInt8], positions: [UInt32])] { order.map { ($0, positions[$0]!) } }
}
