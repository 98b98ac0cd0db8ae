/// An inverted index being built in memory, written out as one segment when full.
///
/// Documents arrive one at a time as a stream of (term key, position) pairs. At the end of each
/// document its pairs are grouped by term with a counting sort (two passes, no comparison
/// sort) and appended to each term's postings and position streams already encoded, so the
/// memory a term takes is what its encoded postings take.
public struct SegmentBuffer {
  private var interner = TermInterner()
  private var postings: [[UInt8]] = []
  /// Per term, its positions' Rice quotients and remainders (`RiceCode`).
  private var unary: [BitStream] = []
  private var remainders: [BitStream] = []
  /// The last document each term was seen in, for gap encoding (0 before the first).
  private var lastDocument: [UInt32] = []
  private var documentFrequency: [UInt32] = []
  /// Per term with more than `SegmentFormat.skipInterval` postings: a skip entry (previous
  /// document, postings offset, bit offsets into the two position streams) at the start of every
  /// block after the first.
  private var skips: [Int: [UInt32]] = [:]

  private var pendingTerms: [UInt32] = []
  private var pendingPositions: [UInt32] = []
  /// A long document's occurrences once it passes `longDocumentPairs`, per term instead of as
  /// pending pairs (see `LongDocumentPositions`); nil for every other document.
  private var longDocument: LongDocumentPositions?
  /// Pending pairs (8 bytes each, and as many again to group them) past which a document's
  /// positions are kept per term as varint gaps, about a byte and a half each: a 100 MB text has
  /// some 20 million occurrences. Ordinary documents stay far below it and take the faster path.
  /// (A variable only so that tests can send short documents down the long path.)
  var longDocumentPairs = 1 << 20
  /// Per term: document number + 1 when the term was last met in the current document.
  private var stamp: [UInt32] = []
  private var slotOfTerm: [UInt32] = []
  private var distinctTerms: [UInt32] = []
  private var slotCounts: [UInt32] = []
  private var grouped: [UInt32] = []

  private(set) var documentLengths: [UInt32] = []
  /// Per document, its title's length in tokens (set by `setTitleLength` before its end).
  private(set) var titleLengths: [UInt16] = []
  private var pendingTitleLength: UInt16 = 0
  /// Per document, where its id, title and text start in `documentStrings`.
  private(set) var documentOffsets: [UInt64] = []
  private(set) var documentStrings: [UInt8] = []
  /// Where `documentStrings` go instead once a long text arrives (see `spillDirectory`).
  private var spilledStrings: SpillFile?
  /// A stored text that could not be read back; `write` throws it.
  private var failure: IndexError?
  private(set) var bodyTokens: UInt64 = 0
  private var encodedBytes = 0
  private var inDocument = false

  /// Fields (key's first byte) whose terms are also listed per document (a forward index),
  /// for counting facets over a result list without reading every posting of the field.
  public let forwardFields: Set<UInt8>
  /// (document, term) for terms of `forwardFields`.
  private var forwardPairs: [(UInt32, UInt32)] = []
  private var isForward: [Bool] = []

  /// The index folder, where a text of `spillTextBytes` or more (and every stored string after
  /// it) waits on disk until the segment is written, so a long document's text is not held by
  /// the buffer as well as by its caller; nil keeps everything in memory.
  public let spillDirectory: IndexDirectory?
  /// The smallest text that makes the buffer keep stored strings on disk (a variable only for
  /// tests).
  var spillTextBytes = 4 << 20

  /// Makes an empty buffer that keeps a forward index of `forwardFields` and spills long texts
  /// into `spillDirectory` (nil keeps everything in memory).
  public init(forwardFields: Set<UInt8> = [], spillDirectory: IndexDirectory? = nil) {
    self.forwardFields = forwardFields
    self.spillDirectory = spillDirectory
  }

  /// Bytes of stored strings (ids, titles, texts) so far, in memory or spilled.
  private var storedBytes: Int { spilledStrings?.count ?? documentStrings.count }

  /// The number of documents ended so far.
  public var documentCount: Int { documentLengths.count }
  /// The number of distinct term keys seen so far.
  public var termCount: Int { interner.count }
  /// Whether no document has been ended yet (an empty buffer is never written as a segment).
  public var isEmpty: Bool { documentLengths.isEmpty }

  /// Memory held, roughly: what decides when to flush.
  public var estimatedBytes: Int {
    encodedBytes + interner.arenaBytes + 80 * postings.count + documentStrings.count + 12
      * documentLengths.count
      + 8 * forwardPairs.count
  }

  /// Starts a document; its number in the segment is `documentCount` before the call.
  public mutating func beginDocument(id: [UInt8], title: [UInt8], text: [UInt8]) {
    beginDocument(id: id, title: title, textCount: text.count) { spill in
      spill.append(text)
    } inMemory: { strings in
      strings.append(contentsOf: text)
      return nil
    }
  }

  /// Starts a document whose stored text waits in `storedText` (see `SpillFile`); it is copied
  /// to this buffer's own file a chunk at a time, never held whole. A failed read fails the
  /// segment's `write`.
  public mutating func beginDocument(id: [UInt8], title: [UInt8], storedText: SpillFile) {
    beginDocument(id: id, title: title, textCount: storedText.count, forceSpill: true) { spill in
      spill.append(contentsOf: storedText)
    } inMemory: { strings in
      // No file of its own could be made: the text comes into memory after all.
      do throws(IndexError) {
        strings.append(contentsOf: try storedText.read(0..<storedText.count))
      } catch {
        strings.append(contentsOf: repeatElement(0, count: storedText.count))
        return error
      }
      return nil
    }
  }

  private mutating func beginDocument(
    id: [UInt8], title: [UInt8], textCount: Int, forceSpill: Bool = false,
    spilled: (SpillFile) -> Void,
    inMemory: (inout [UInt8]) -> IndexError?
  ) {
    precondition(!inDocument, "beginDocument twice without endDocument")
    inDocument = true
    // The id's and the title's lengths lead, so one offset a document finds all three.
    documentOffsets.append(UInt64(storedBytes))
    // Spilling is a memory saving only: when the file cannot be made, the strings stay in memory.
    if spilledStrings == nil, forceSpill || textCount >= spillTextBytes,
      let directory = spillDirectory,
      let spill = try? SpillFile(in: directory)
    {
      spill.append(documentStrings)
      documentStrings = []
      spilledStrings = spill
    }
    var head: [UInt8] = []
    VarInt.append(UInt32(id.count), to: &head)
    VarInt.append(UInt32(title.count), to: &head)
    if let spill = spilledStrings {
      for part in [head, id, title] { spill.append(part) }
      spilled(spill)
    } else {
      documentStrings.append(contentsOf: head)
      documentStrings.append(contentsOf: id)
      documentStrings.append(contentsOf: title)
      if let error = inMemory(&documentStrings), failure == nil { failure = error }
    }
  }

  /// Adds one occurrence of a term. `key` starts with its field byte; positions of one key
  /// must increase within a document (the position code has no zero gap: a repeated position is
  /// stored as the next one). Keys over `IndexLimits.maximumKeyLength` are dropped.
  public mutating func addTerm(_ key: UnsafeRawBufferPointer, position: UInt32) {
    guard key.count <= IndexLimits.maximumKeyLength else { return }
    let id = interner.intern(key)
    if Int(id) == postings.count { addTermSlot(firstByte: key.first ?? 0) }
    if longDocument != nil {
      longDocument!.append(term: id, position: position)
      return
    }
    pendingTerms.append(id)
    pendingPositions.append(position)
    if pendingTerms.count >= longDocumentPairs { startLongDocument() }
  }

  /// Moves the current document's pending pairs into per-term gap lists and frees them: from
  /// here on its occurrences cost their varint gaps, not 16 bytes each.
  private mutating func startLongDocument() {
    var positions = LongDocumentPositions()
    for index in pendingTerms.indices {
      positions.append(term: pendingTerms[index], position: pendingPositions[index])
    }
    longDocument = positions
    pendingTerms = []
    pendingPositions = []
    grouped = []
  }

  /// Adds every term of `terms` (see `addTerm`).
  public mutating func addTerms(_ terms: DocumentTerms) {
    terms.forEach { key, position in addTerm(key, position: position) }
  }

  /// The terms of the current document, handed to an analysis chain that reports them one by
  /// one (`IndexWriter.add(id:title:text:terms:)`); valid only inside that call.
  public struct TermSink: ~Copyable {
    fileprivate let buffer: UnsafeMutablePointer<SegmentBuffer>

    /// Adds one occurrence (see `SegmentBuffer.addTerm`).
    @inline(__always)
    public func add(_ key: UnsafeRawBufferPointer, position: UInt32) {
      buffer.pointee.addTerm(key, position: position)
    }

    /// Adds every term of `terms`.
    public func add(_ terms: DocumentTerms) { buffer.pointee.addTerms(terms) }

    /// Records the length of the document's title in tokens.
    public func setTitleLength(_ length: UInt32) { buffer.pointee.setTitleLength(length) }
  }

  /// Runs `fill` with a sink for the current document's terms; returns what `fill` returns.
  mutating func withTermSink<R>(_ fill: (borrowing TermSink) throws -> R) rethrows -> R {
    try withUnsafeMutablePointer(to: &self) { try fill(TermSink(buffer: $0)) }
  }

  private mutating func addTermSlot(firstByte: UInt8) {
    postings.append([])
    unary.append(BitStream())
    remainders.append(BitStream())
    lastDocument.append(0)
    documentFrequency.append(0)
    stamp.append(0)
    slotOfTerm.append(0)
    isForward.append(forwardFields.contains(firstByte))
  }

  /// Records the current document's title length in tokens (capped at UInt16.max).
  public mutating func setTitleLength(_ length: UInt32) {
    pendingTitleLength = UInt16(min(length, UInt32(UInt16.max)))
  }

  /// Ends the current document; `bodyLength` is its token count for BM25.
  public mutating func endDocument(bodyLength: UInt32) {
    precondition(inDocument, "endDocument without beginDocument")
    inDocument = false
    let document = UInt32(documentLengths.count)
    documentLengths.append(bodyLength)
    titleLengths.append(pendingTitleLength)
    pendingTitleLength = 0
    bodyTokens += UInt64(bodyLength)
    if longDocument != nil {
      endLongDocument(document, bodyLength: bodyLength)
      return
    }
    let mark = document + 1
    distinctTerms.removeAll(keepingCapacity: true)
    slotCounts.removeAll(keepingCapacity: true)
    for term in pendingTerms {
      let t = Int(term)
      if stamp[t] != mark {
        stamp[t] = mark
        slotOfTerm[t] = UInt32(distinctTerms.count)
        distinctTerms.append(term)
        slotCounts.append(0)
      }
      slotCounts[Int(slotOfTerm[t])] += 1
    }
    // Counting sort: slotCounts become each slot's start in `grouped`.
    var running: UInt32 = 0
    for slot in slotCounts.indices {
      let count = slotCounts[slot]
      slotCounts[slot] = running
      running += count
    }
    if grouped.count < pendingTerms.count {
      grouped = Array(repeating: 0, count: pendingTerms.count * 2)
    }
    var fill = slotCounts
    for index in pendingTerms.indices {
      let slot = Int(slotOfTerm[Int(pendingTerms[index])])
      grouped[Int(fill[slot])] = pendingPositions[index]
      fill[slot] += 1
    }
    // A local reference, so the loop's writes to the term streams do not overlap a read of self.
    let grouped = self.grouped
    grouped.withUnsafeBufferPointer { grouped in
      for (slot, term) in distinctTerms.enumerated() {
        let t = Int(term)
        let start = Int(slotCounts[slot])
        let end = slot + 1 < slotCounts.count ? Int(slotCounts[slot + 1]) : pendingTerms.count
        let before = encodedBytes(of: t)
        recordSkip(t)
        Self.appendPosting(
          gap: document - lastDocument[t], frequency: UInt32(end - start), to: &postings[t])
        BitStream.appendPositions(
          UnsafeBufferPointer(rebasing: grouped[start..<end]), length: bodyLength, unary: &unary[t],
          remainders: &remainders[t])
        lastDocument[t] = document
        documentFrequency[t] += 1
        encodedBytes += encodedBytes(of: t) - before
        if isForward[t] { forwardPairs.append((document, term)) }
      }
    }
    pendingTerms.removeAll(keepingCapacity: true)
    pendingPositions.removeAll(keepingCapacity: true)
  }

  /// `endDocument` for a document held as `LongDocumentPositions`: each term's gaps are decoded
  /// and encoded into its streams, then freed, so the two forms are never both whole in memory.
  /// The streams get the same bytes as the pending-pair path would give them.
  private mutating func endLongDocument(_ document: UInt32, bodyLength: UInt32) {
    var positions = longDocument!
    longDocument = nil
    var scratch: [UInt32] = []
    for slot in positions.terms.indices {
      let t = Int(positions.terms[slot])
      positions.decode(slot: slot, into: &scratch)
      positions.gaps[slot] = []
      let before = encodedBytes(of: t)
      recordSkip(t)
      Self.appendPosting(
        gap: document - lastDocument[t], frequency: UInt32(scratch.count), to: &postings[t])
      scratch.withUnsafeBufferPointer { scratch in
        BitStream.appendPositions(
          scratch, length: bodyLength, unary: &unary[t], remainders: &remainders[t])
      }
      lastDocument[t] = document
      documentFrequency[t] += 1
      encodedBytes += encodedBytes(of: t) - before
      if isForward[t] { forwardPairs.append((document, UInt32(t))) }
    }
  }

  /// Appends a whole posting (merging segments): document `document` must be the newest of the
  /// buffer, added with begin/endDocument with no terms.
  mutating func appendPosting(
    key: UnsafeRawBufferPointer, document: UInt32, positions: UnsafeBufferPointer<UInt32>
  ) {
    let id = Int(interner.intern(key))
    if id == postings.count { addTermSlot(firstByte: key.first ?? 0) }
    if isForward[id] { forwardPairs.append((document, UInt32(id))) }
    let before = encodedBytes(of: id)
    recordSkip(id)
    Self.appendPosting(
      gap: document - lastDocument[id], frequency: UInt32(positions.count), to: &postings[id])
    BitStream.appendPositions(
      positions, length: documentLengths[Int(document)], unary: &unary[id],
      remainders: &remainders[id])
    lastDocument[id] = document
    documentFrequency[id] += 1
    encodedBytes += encodedBytes(of: id) - before
  }

  @inline(__always)
  private func encodedBytes(of term: Int) -> Int {
    postings[term].count + unary[term].byteCount + remainders[term].byteCount
  }

  /// A posting is one varint, the document gap shifted left three bits with the frequency less
  /// one in the low bits; a frequency of 8 or more writes 7 there and follows with the frequency
  /// less 8. Nine postings in ten have a frequency under 8, so a common word's posting is one
  /// byte and a rarer word's two (Lucene's low-bit trick, widened: measured on the gov index,
  /// 22 % smaller than a flag bit for frequency 1).
  @inline(__always)
  static func appendPosting(gap: UInt32, frequency: UInt32, to bytes: inout [UInt8]) {
    let code = UInt64(min(frequency, 8) - 1)
    VarInt.append64(UInt64(gap) << 3 | code, to: &bytes)
    if frequency >= 8 { VarInt.append(frequency - 8, to: &bytes) }
  }

  /// Notes where a block of postings starts, before the posting that opens it is appended, so
  /// a phrase query can jump to the block holding a document instead of reading every posting.
  @inline(__always)
  private mutating func recordSkip(_ term: Int) {
    let count = documentFrequency[term]
    guard count > 0 && count % UInt32(SegmentFormat.skipInterval) == 0 else { return }
    // `write` refuses a term whose lists outgrow 32-bit offsets, so truncation never reaches a file.
    skips[term, default: []].append(contentsOf: [
      lastDocument[term], UInt32(truncatingIfNeeded: postings[term].count),
      UInt32(truncatingIfNeeded: unary[term].bitCount),
      UInt32(truncatingIfNeeded: remainders[term].bitCount),
    ])
  }

  /// Writes the buffer as segment file `name` in `directory`, atomically; returns its size.
  @discardableResult
  public func write(to directory: IndexDirectory, name: String, folding: some TermFolding)
    throws(IndexError) -> Int
  {
    precondition(!inDocument, "write inside a document")
    if let failure { throw failure }
    // Skip entries hold 32-bit offsets: a term past them (billions of occurrences in one
    // segment) cannot be written.
    for term in 0..<interner.count
    where postings[term].count > UInt32.max || unary[term].bitCount > UInt32.max
      || remainders[term].bitCount > UInt32.max
    {
      throw IndexError(
        .invalidRequest, path: directory.filePath(name),
        "a term occurs too often for one segment; index the sources in parts")
    }
    // Each term's positions region: the unary stream's byte length, then the two streams.
    let regionHeads: [[UInt8]] = (0..<interner.count).map { term in
      var head: [UInt8] = []
      VarInt.append(UInt32(unary[term].byteCount), to: &head)
      return head
    }
    // Folded keys, then the term order: folded key, then exact key.
    var foldedArena: [UInt8] = []
    var foldedStarts: [Int] = [0]
    foldedArena.reserveCapacity(interner.arena.count)
    for id in 0..<interner.count {
      interner.withKey(id) { folding.fold($0, into: &foldedArena) }
      foldedStarts.append(foldedArena.count)
    }
    var order = Array(0..<interner.count)
    let arena = interner.arena
    let starts = interner.starts
    foldedArena.withUnsafeBytes { folded in
      arena.withUnsafeBytes { exact in
        order.sort { a, b in
          let byFolded = Self.compare(
            UnsafeRawBufferPointer(rebasing: folded[foldedStarts[a]..<foldedStarts[a + 1]]),
            UnsafeRawBufferPointer(rebasing: folded[foldedStarts[b]..<foldedStarts[b + 1]]))
          if byFolded != 0 { return byFolded < 0 }
          return Self.compare(
            UnsafeRawBufferPointer(rebasing: exact[Int(starts[a])..<Int(starts[a + 1])]),
            UnsafeRawBufferPointer(rebasing: exact[Int(starts[b])..<Int(starts[b + 1])])) < 0
        }
      }
    }

    var size = 0
    try directory.writeAtomically(name) { (file) throws(IndexError) in
      var table: [(SegmentFormat.Section, UInt32, UInt64, UInt64)] = []
      var blockChecksums: [(SegmentFormat.Section, [UInt32])] = []
      func section(_ kind: SegmentFormat.Section, _ body: () throws(IndexError) -> Void)
        throws(IndexError)
      {
        try file.pad(to: 8)
        file.resetChecksum()
        let blocks = SegmentFormat.blockCheckedSections.contains(kind)
        if blocks { file.startBlockChecksums(blockSize: SegmentFormat.checksumBlockSize) }
        let start = file.offset
        try body()
        if blocks { blockChecksums.append((kind, file.finishBlockChecksums())) }
        table.append((kind, file.checksum.value, start, file.offset - start))
      }
      try file.write(SegmentFormat.headerMagic)
      try file.write(SegmentFormat.version)
      try file.write(UInt32(0))
      try section(.stats) { () throws(IndexError) in
        try file.write([UInt64(documentCount), bodyTokens, UInt64(interner.count)])
      }
      var keyOffsets: [UInt32] = []
      keyOffsets.reserveCapacity(order.count)
      try section(.termKeys) { () throws(IndexError) in
        var written: UInt32 = 0
        for id in order {
          keyOffsets.append(written)
          let folded = Array(foldedArena[foldedStarts[id]..<foldedStarts[id + 1]])
          let exact = Array(arena[Int(starts[id])..<Int(starts[id + 1])])
          try file.write(folded)
          try file.write(exact)
          written += UInt32(folded.count + exact.count)
        }
      }
      try section(.terms) { () throws(IndexError) in
        var postingsOffset: UInt64 = 0
        var positionsOffset: UInt64 = 0
        var skipEntries: UInt32 = 0
        var entries: [UInt8] = []
        entries.reserveCapacity((order.count + 1) * SegmentFormat.termEntrySize)
        func put<T: FixedWidthInteger>(_ value: T) {
          withUnsafeBytes(of: value.littleEndian) { entries.append(contentsOf: $0) }
        }
        for (rank, id) in order.enumerated() {
          put(keyOffsets[rank])
          put(UInt16(foldedStarts[id + 1] - foldedStarts[id]))
          put(UInt16(starts[id + 1] - starts[id]))
          put(documentFrequency[id])
          put(skipEntries)
          skipEntries += UInt32((skips[id]?.count ?? 0) / 4)
          put(postingsOffset)
          put(positionsOffset)
          postingsOffset += UInt64(postings[id].count)
          positionsOffset += UInt64(
            regionHeads[id].count + unary[id].byteCount + remainders[id].byteCount)
        }
        put(UInt32(0))
        put(UInt16(0))
        put(UInt16(0))
        put(UInt32(0))
        put(UInt32(0))
        put(postingsOffset)
        put(positionsOffset)
        try file.write(entries)
      }
      try section(.postings) { () throws(IndexError) in
        for id in order { try file.write(postings[id]) }
      }
      try section(.positions) { () throws(IndexError) in
        for id in order {
          try file.write(regionHeads[id])
          try file.write(unary[id].finishedBytes)
          try file.write(remainders[id].finishedBytes)
        }
      }
      try section(.skips) { () throws(IndexError) in
        for id in order { if let entries = skips[id] { try file.write(entries) } }
      }
      try section(.documentLengths) { () throws(IndexError) in try file.write(documentLengths) }
      try section(.titleLengths) { () throws(IndexError) in try file.write(titleLengths) }
      try section(.documentOffsets) { () throws(IndexError) in
        try file.write(documentOffsets)
        try file.write(UInt64(storedBytes))
      }
      try section(.documentStrings) { () throws(IndexError) in
        if let spill = spilledStrings {
          try spill.copy(to: file)
        } else {
          try file.write(documentStrings)
        }
      }
      // The forward index: per document, the ranks of its forward-field terms.
      var rank = [UInt32](repeating: 0, count: order.count)
      for (position, id) in order.enumerated() { rank[id] = UInt32(position) }
      let pairs = forwardPairs.map { ($0.0, rank[Int($0.1)]) }.sorted { $0 < $1 }
      var forwardOffsets = [UInt32](repeating: 0, count: documentCount + 1)
      for (document, _) in pairs { forwardOffsets[Int(document) + 1] += 1 }
      for index in 0..<documentCount { forwardOffsets[index + 1] += forwardOffsets[index] }
      // No forward-field terms at all: both sections stay empty.
      try section(.forwardOffsets) { () throws(IndexError) in
        if !pairs.isEmpty { try file.write(forwardOffsets) }
      }
      try section(.forwardTerms) { () throws(IndexError) in try file.write(pairs.map(\.1)) }
      try section(.blockChecksums) { () throws(IndexError) in
        try file.write([UInt32(SegmentFormat.checksumBlockSize), UInt32(blockChecksums.count)])
        try file.write(blockChecksums.map(\.0.rawValue))
        for (_, checksums) in blockChecksums { try file.write(checksums) }
      }
      try file.pad(to: 8)
      var footer: [UInt8] = []
      for (kind, checksum, offset, length) in table {
        for value in [kind.rawValue, checksum] {
          withUnsafeBytes(of: value.littleEndian) { footer.append(contentsOf: $0) }
        }
        for value in [offset, length] {
          withUnsafeBytes(of: value.littleEndian) { footer.append(contentsOf: $0) }
        }
      }
      withUnsafeBytes(of: UInt32(table.count).littleEndian) { footer.append(contentsOf: $0) }
      let footerChecksum = CRC32.checksum(footer)
      try file.write(footer)
      try file.write(footerChecksum)
      try file.write(SegmentFormat.footerMagic)
      size = Int(file.offset)
    }
    return size
  }

  @inline(__always)
  static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let common = min(a.count, b.count)
    if common > 0 {
      let order = memcmp(a.baseAddress!, b.baseAddress!, common)
      if order != 0 { return Int(order) }
    }
    return a.count - b.count
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One long document's term occurrences, per term in order of first occurrence: its positions as
/// LEB128 varints of the difference from the previous one (wrapping, so any sequence comes back
/// exactly). Most differences are under 128, so a position takes a byte or two.
struct LongDocumentPositions {
  /// Terms in order of first occurrence; `gaps[slot]` holds the positions of `terms[slot]`.
  private(set) var terms: [UInt32] = []
  var gaps: [[UInt8]] = []
  private var lastPosition: [UInt32] = []
  /// Per term id: its slot + 1, 0 when the term has not occurred in the document.
  private var slotOfTerm: [UInt32] = []

  mutating func append(term: UInt32, position: UInt32) {
    let t = Int(term)
    if t >= slotOfTerm.count {
      slotOfTerm.append(
        contentsOf: repeatElement(0, count: t + 1 - slotOfTerm.count + slotOfTerm.count / 2))
    }
    var slot = Int(slotOfTerm[t]) - 1
    if slot < 0 {
      slot = terms.count
      slotOfTerm[t] = UInt32(slot + 1)
      terms.append(term)
      gaps.append([])
      lastPosition.append(0)
    }
    VarInt.append(position &- lastPosition[slot], to: &gaps[slot])
    lastPosition[slot] = position
  }

  /// The positions of `terms[slot]`, in order, into `positions` (emptied first).
  func decode(slot: Int, into positions: inout [UInt32]) {
    positions.removeAll(keepingCapacity: true)
    var position: UInt32 = 0
    gaps[slot].withUnsafeBytes { bytes in
      var offset = 0
      // The bytes were written just above and are whole: a read never fails here.
      while let gap = VarInt.read(bytes, &offset) {
        position &+= gap
        positions.append(position)
      }
    }
  }
}
