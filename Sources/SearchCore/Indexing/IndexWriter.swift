/// The one writer of an index: adds, replaces and removes documents, flushes full buffers to new
/// segments, and commits by replacing the manifest.
///
/// Nothing a reader can see changes before `commit()`: new segments and deletion files are
/// written under fresh names and only the manifest's atomic rename makes them live. A crash at
/// any point leaves the previous manifest and every file it names untouched; the next writer
/// deletes what the crash left behind. Holding `WriterLock` keeps a second writer out.
public final class IndexWriter {
  /// The folder of the index being written.
  public let directory: IndexDirectory
  private let lock: WriterLock
  private let folding: any TermFolding
  /// The manifest of the last commit; only its `nextSegmentNumber` already counts the segments
  /// flushed since.
  public private(set) var manifest: Manifest
  /// Committed and flushed-but-uncommitted segments, in document order.
  private var segments: [SegmentState] = []
  private var buffer = SegmentBuffer()
  private var bufferIDs: [[UInt8]: Int] = [:]
  private var bufferDeleted: Set<Int> = []
  /// Where each live document id is: segment index and document number.
  private var locations: [[UInt8]: (segment: Int, document: Int)] = [:]
  /// Flush the buffer to a segment when it holds about this many bytes.
  public var flushThreshold = 256 << 20
  /// Fields (first key byte) listed per document too, for facet counts (see `SegmentBuffer`).
  public var forwardFields: Set<UInt8> = [] {
    didSet { if buffer.isEmpty { buffer = makeBuffer() } }
  }

  struct SegmentState {
    var entry: Manifest.Segment
    var deletions: DeletionSet
    var deletionsChanged = false
  }

  /// Opens (or, with `create`, creates) the index in `directory` for writing.
  ///
  /// - Throws: `IndexError.locked` when another process writes; `.missing` when there is no
  ///   index and `create` is false; `.corrupt` when the manifest or a deletion file is damaged.
  public init(directory: IndexDirectory, folding: any TermFolding, analyzer: String, create: Bool)
    throws(IndexError)
  {
    if create { try directory.create() }
    guard directory.exists(".") else {
      throw IndexError(.missing, path: directory.path, "no index here")
    }
    self.directory = directory
    self.folding = folding
    lock = try WriterLock(directory: directory)
    if directory.exists(Manifest.fileName) {
      manifest = try Manifest.decode(
        try directory.read(Manifest.fileName), path: directory.filePath(Manifest.fileName))
      guard manifest.analyzer == analyzer else {
        throw IndexError(
          .version, path: directory.path,
          "index was built with analyzer \(manifest.analyzer), this vitext uses \(analyzer): rebuild it"
        )
      }
    } else if create {
      manifest = Manifest(analyzer: analyzer)
    } else {
      throw IndexError(.missing, path: directory.path, "no index here (no \(Manifest.fileName))")
    }
    buffer = SegmentBuffer(spillDirectory: directory)
    for entry in manifest.segments {
      segments.append(
        SegmentState(entry: entry, deletions: try DeletionSet(of: entry, in: directory)))
    }
    try removeUnreferencedFiles()
  }

  private var locationsLoaded = false

  /// Indexes every document id of the committed segments, so adding an existing id replaces it.
  /// Done on the first add, not at open: a build into an empty index never pays for it.
  private func loadLocations() {
    guard !locationsLoaded else { return }
    locationsLoaded = true
    for (index, state) in segments.enumerated() {
      guard let reader = try? SegmentReader(directory: directory, name: state.entry.file) else {
        continue
      }
      // A damaged id is left out here; the merge that would copy it fails on it (`mergeAll`).
      for document in 0..<reader.documentCount where !state.deletions.contains(document) {
        guard let id = try? reader.documentID(document) else { continue }
        locations[Array(id)] = (index, document)
      }
    }
  }

  // MARK: Adding documents

  /// Starts a document. An existing document with the same id is deleted at the next commit.
  private func beginDocument(id: [UInt8], title: [UInt8], text: [UInt8]) {
    loadLocations()
    remove(id: id)
    bufferIDs[id] = buffer.documentCount
    buffer.beginDocument(id: id, title: title, text: text)
  }

  /// Adds (or replaces, by id) a document whose terms `fill` reports to the sink it is given;
  /// `fill` returns the body length (BM25). The buffer is reached once for the whole document.
  public func add(
    id: [UInt8], title: [UInt8], text: [UInt8],
    terms fill: (borrowing SegmentBuffer.TermSink) -> UInt32
  ) throws(IndexError) {
    beginDocument(id: id, title: title, text: text)
    let length = buffer.withTermSink(fill)
    try endDocument(bodyLength: length)
  }

  /// `add(id:title:text:terms:)` for a document whose stored text waits on disk in
  /// `storedText` (a long one: it is then never held whole in memory).
  public func add(
    id: [UInt8], title: [UInt8], storedText: SpillFile,
    terms fill: (borrowing SegmentBuffer.TermSink) -> UInt32
  ) throws(IndexError) {
    loadLocations()
    remove(id: id)
    bufferIDs[id] = buffer.documentCount
    buffer.beginDocument(id: id, title: title, storedText: storedText)
    let length = buffer.withTermSink(fill)
    try endDocument(bodyLength: length)
  }

  /// Ends the document; flushes the buffer to a segment file when it is full.
  private func endDocument(bodyLength: UInt32) throws(IndexError) {
    buffer.endDocument(bodyLength: bodyLength)
    if buffer.estimatedBytes >= flushThreshold { try flush() }
  }

  /// Deletes the document with `id` (at the next commit). Returns whether one existed.
  @discardableResult
  public func remove(id: [UInt8]) -> Bool {
    loadLocations()
    if let document = bufferIDs.removeValue(forKey: id) {
      bufferDeleted.insert(document)
      return true
    }
    guard let (segment, document) = locations.removeValue(forKey: id) else { return false }
    segments[segment].deletions.insert(document)
    segments[segment].deletionsChanged = true
    return true
  }

  /// Deletes every document committed so far (at the next commit): `vitext index build` starts
  /// so, which replaces an index in one commit instead of emptying it first.
  public func removeAll() {
    for index in segments.indices {
      for document in 0..<segments[index].entry.documents {
        segments[index].deletions.insert(document)
      }
      segments[index].deletionsChanged = true
    }
    locations = [:]
    locationsLoaded = true
  }

  /// Writes the buffer as a new segment file (not yet live).
  public func flush() throws(IndexError) {
    guard !buffer.isEmpty else { return }
    let name = segmentName(manifest.nextSegmentNumber)
    manifest.nextSegmentNumber += 1
    let size = try buffer.write(to: directory, name: name, folding: folding)
    var deletions = DeletionSet(documents: buffer.documentCount)
    for document in bufferDeleted { deletions.insert(document) }
    let index = segments.count
    for (id, document) in bufferIDs { locations[id] = (index, document) }
    segments.append(
      SegmentState(
        entry: Manifest.Segment(file: name, documents: buffer.documentCount, bytes: size),
        deletions: deletions, deletionsChanged: !bufferDeleted.isEmpty))
    buffer = makeBuffer()
    bufferIDs = [:]
    bufferDeleted = []
  }

  /// Makes every change since the last commit live, atomically.
  public func commit() throws(IndexError) {
    try flush()
    var next = manifest
    next.generation += 1
    next.segments = []
    // A segment whose every document is gone is dropped. The deletion sets in memory are the
    // ones written: the committed states are kept, not read back.
    var committed: [SegmentState] = []
    for var state in segments where state.deletions.count < state.entry.documents {
      if state.deletionsChanged {
        let name = "\(state.entry.file).del-\(next.generation)"
        let bytes = state.deletions.encoded()
        try directory.writeAtomically(name) { (file) throws(IndexError) in try file.write(bytes) }
        state.entry.deletions = name
        state.entry.deleted = state.deletions.count
        state.deletionsChanged = false
      }
      next.segments.append(state.entry)
      committed.append(state)
    }
    let bytes = try next.encoded()
    try directory.writeAtomically(Manifest.fileName) { (file) throws(IndexError) in
      try file.write(bytes)
    }
    manifest = next
    segments = committed
    locations = [:]
    locationsLoaded = false
    try removeUnreferencedFiles()
  }

  /// Merges every live segment into one, dropping deleted documents, and commits.
  ///
  /// Memory: the merged segment's postings are held in memory while it is written (about the
  /// size of the index, not of the corpus).
  public func mergeAll() throws(IndexError) {
    try commit()
    guard segments.count > 1 || segments.contains(where: { $0.entry.deleted > 0 }) else { return }
    let readers = try segments.map { (state) throws(IndexError) in
      try SegmentReader(directory: directory, name: state.entry.file)
    }
    var merged = SegmentBuffer(forwardFields: forwardFields)
    var newNumbers: [[Int32]] = []
    for (index, reader) in readers.enumerated() {
      var numbers = [Int32](repeating: -1, count: reader.documentCount)
      for document in 0..<reader.documentCount where !segments[index].deletions.contains(document) {
        numbers[document] = Int32(merged.documentCount)
        merged.beginDocument(
          id: Array(try reader.documentID(document)),
          title: Array(try reader.documentTitle(document)),
          text: Array(try reader.documentText(document)))
        merged.setTitleLength(UInt32(reader.titleLength(document) ?? 0))
        merged.endDocument(bodyLength: reader.documentLength(document))
      }
      newNumbers.append(numbers)
    }
    let positions = PositionBuffer()
    for (index, reader) in readers.enumerated() {
      for term in 0..<reader.termCount {
        // Checked as read: a merge must not copy damage into a segment with fresh checksums.
        let key = reader.keys(term).exact
        var cursor = PostingCursor(try reader.encodedPostings(term, withPositions: true))
        while let posting = cursor.next() {
          // Read even for a deleted document: the streams hold every document's in turn.
          positions.removeAll()
          guard Int(posting.document) < reader.documentCount, cursor.readPositions(into: positions)
          else {
            throw IndexError(
              .corrupt, path: directory.filePath(reader.name), "term \(term) has damaged positions")
          }
          let target = newNumbers[index][Int(posting.document)]
          if target >= 0 {
            merged.appendPosting(
              key: key, document: UInt32(target),
              positions: UnsafeBufferPointer(start: positions.base, count: positions.count))
          }
        }
        if cursor.isDamaged {
          throw IndexError(
            .corrupt, path: directory.filePath(reader.name), "term \(term) has damaged postings")
        }
      }
    }
    let name = segmentName(manifest.nextSegmentNumber)
    manifest.nextSegmentNumber += 1
    let size = try merged.write(to: directory, name: name, folding: folding)
    segments = [
      SegmentState(
        entry: Manifest.Segment(file: name, documents: merged.documentCount, bytes: size),
        deletions: DeletionSet(documents: merged.documentCount))
    ]
    try commit()
  }

  /// An empty buffer that spills long stored texts into the index folder.
  private func makeBuffer() -> SegmentBuffer {
    SegmentBuffer(forwardFields: forwardFields, spillDirectory: directory)
  }

  private func segmentName(_ number: Int) -> String {
    let digits = String(number)
    return "seg-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".vtx"
  }

  /// Deletes files no commit refers to: leftovers of a crashed or superseded writer.
  private func removeUnreferencedFiles() throws(IndexError) {
    var live: Set<String> = [Manifest.fileName, "write.lock"]
    for state in segments {
      live.insert(state.entry.file)
      if let deletions = state.entry.deletions { live.insert(deletions) }
    }
    for name in try directory.fileNames() where !live.contains(name) {
      if name.hasPrefix("seg-") || name.hasSuffix(".tmp") { directory.remove(name) }
    }
  }
}
