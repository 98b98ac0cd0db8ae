import SearchCore
import VietDocuments
import VietEntities
import VietText

/// Adds Vietnamese documents to an index: their text as syllables (body), their title, and, when
/// an entity tagger is given, the documents they cite, the officials and the units they name,
/// so queries can filter on them (`cites:`, `official:`, `unit:`).
public final class SearchIndexWriter {
  /// The core writer underneath (manifest, flush threshold, removals), for the tools that manage
  /// the index itself; not part of the supported API (`@_spi(Internals) import VietSearch`).
  @_spi(Internals) public let writer: IndexWriter
  /// The analysis chain documents go through; a build may run a copy on another thread.
  public let preparer: DocumentPreparer
  /// The abbreviations the index's documents define (`DefinedAbbreviations`): read from the
  /// index when the first document is added to it, emptied by `removeAll()`, written at each
  /// commit when documents were added.
  private var definedAbbreviations: DefinedAbbreviations?
  private var definedAbbreviationsChanged = false

  /// Opens or creates the index at `path` for writing.
  ///
  /// - Throws: `IndexError`: `.missing` without an index and `create` false, `.locked` while
  ///   another process writes, `.version` for an index of another format or analyzer.
  ///
  /// - Parameters:
  ///   - path: the index folder.
  ///   - create: whether to create the index when the folder has none (else that is an error).
  ///   - tagger: extracts entity filters; nil indexes text only.
  ///   - storesText: false leaves texts out (no snippets), as an index used only for counting.
  public init(path: String, create: Bool, tagger: EntityTagger?, storesText: Bool = true)
    throws(IndexError)
  {
    writer = try IndexWriter(
      directory: IndexDirectory(path: path), folding: TermKeys(), analyzer: SearchAnalyzer.name,
      create: create)
    writer.forwardFields = [
      SearchField.cites.rawValue, SearchField.official.rawValue, SearchField.unit.rawValue,
      SearchField.issued.rawValue,
      SearchField.type.rawValue, SearchField.issuer.rawValue, StoredMetadata.fieldByte,
    ]
    preparer = DocumentPreparer(
      tagger: tagger, storesText: storesText, spillDirectory: writer.directory)
  }

  /// Adds (or replaces, by id) one document.
  ///
  /// - Parameters:
  ///   - id: the document's id, unique in the index; a document with the same id is replaced.
  ///   - title: the title, searched with the text and weighted more (empty: none).
  ///   - text: UTF-8 text (NFC, NFD or mixed; clean-up is applied).
  ///   - metadata: the document's own number, type, issuer, place, date and signer, indexed
  ///     for `issued:`, `type:` and `issuer:` and returned with its hits.
  /// - Throws: `InvalidUTF8Error` when `text` is not UTF-8 (nothing is added).
  public func add(id: String, title: String = "", text: [UInt8], metadata: DocumentMetadata? = nil)
    throws
  {
    if let bad = text.withUnsafeBufferPointer(UTF8Scanning.firstInvalidOffset) {
      throw InvalidUTF8Error(source: id, byteOffset: bad)
    }
    try add(id: id, title: title, validUTF8: text, metadata: metadata)
  }

  /// Adds (or replaces) a document whose text the caller has already checked to be UTF-8 (a
  /// reader that reports bad bytes with their file and line does so once, not twice).
  public func add(
    id: String, title: String = "", validUTF8 text: [UInt8], metadata: DocumentMetadata? = nil
  ) throws {
    try add(try preparer.prepare(id: id, title: title, validUTF8: text, metadata: metadata))
  }

  /// Adds (or replaces, by id) a document prepared by `preparer` (or a copy of it).
  ///
  /// - Throws: `IndexError` (`.corrupt`) when the index's table of defined abbreviations is
  ///   damaged (`removeAll()` first, as a build does, replaces it instead).
  public func add(_ document: PreparedDocument) throws {
    if definedAbbreviations == nil {
      definedAbbreviations =
        try DefinedAbbreviations.read(from: writer.directory) ?? DefinedAbbreviations()
    }
    definedAbbreviations!.add(documentDefining: document.definedAbbreviations)
    definedAbbreviationsChanged = true
    guard let file = document.storedFile else {
      try writer.add(id: document.id, title: document.title, text: document.stored) { sink in
        preparer.key(document, into: sink)
      }
      return
    }
    try writer.add(id: document.id, title: document.title, storedText: file) { sink in
      preparer.key(document, into: sink)
    }
    // A window that could not be read back was not keyed: the document is dropped, not kept in part.
    if let failure = file.failure {
      _ = writer.remove(id: document.id)
      throw failure
    }
  }

  /// Deletes the document with `id` at the next commit; returns whether there was one. Its
  /// defined abbreviations stay counted until the index is built again.
  public func remove(id: String) -> Bool { writer.remove(id: Array(id.utf8)) }

  /// Deletes every committed document at the next commit, and starts the index's defined
  /// abbreviations afresh: what `vitext index build` does before adding its sources.
  public func removeAll() {
    writer.removeAll()
    definedAbbreviations = DefinedAbbreviations()
    definedAbbreviationsChanged = true
  }

  /// Makes the changes live: the defined abbreviations' table first (when documents were
  /// added), then the manifest, each replaced atomically. A crash between the two leaves a
  /// table that counts the uncommitted documents too, which the next build replaces.
  ///
  /// - Throws: `IndexError` when a file cannot be written; the previous commit stays intact.
  public func commit() throws(IndexError) {
    try writeDefinedAbbreviations()
    try writer.commit()
  }

  /// Commits, then merges every segment into one without the deleted documents, so searches read
  /// one dictionary instead of several.
  ///
  /// - Throws: `IndexError` when a segment cannot be read or written; the previous commit stays
  ///   intact.
  public func mergeAll() throws(IndexError) {
    try writeDefinedAbbreviations()
    try writer.mergeAll()
  }

  private func writeDefinedAbbreviations() throws(IndexError) {
    guard definedAbbreviationsChanged, let definedAbbreviations else { return }
    try definedAbbreviations.write(to: writer.directory)
    definedAbbreviationsChanged = false
  }
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
