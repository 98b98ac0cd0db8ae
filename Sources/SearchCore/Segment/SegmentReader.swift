/// A segment opened for reading: its sections located in the memory map, nothing copied.
///
/// Opening checks the header, the footer and its checksum, that every section lies inside
/// the file (so a truncated or foreign file is refused at once), and the checksums of the
/// sections every query reads whole or at random (dictionary, skip entries, per-document
/// arrays). The large sections a query reads in part — postings, positions, stored documents —
/// are checked block by block when first read (`BlockChecks`), so damage anywhere gives an
/// `IndexError` (`.corrupt`) instead of altered results. `verify()` reads every byte against
/// every checksum, which `vitext index check` runs.
public final class SegmentReader: @unchecked Sendable {
  /// The segment's file name in the index folder.
  public let name: String
  let file: MappedFile
  let sections: SectionTable
  /// Documents written in the segment, deleted ones included (the manifest names
  /// the deletion file).
  public let documentCount: Int
  /// Body tokens over all the segment's documents, for the mean document length of BM25.
  public let bodyTokens: UInt64
  /// Distinct terms in the segment's dictionary, numbered `0..<termCount` by folded key, then
  /// exact key.
  public let termCount: Int
  let termKeys: UnsafeRawBufferPointer
  let terms: UnsafeRawBufferPointer
  let postings: UnsafeRawBufferPointer
  let positions: UnsafeRawBufferPointer
  /// Per document, its title length (empty when the segment has no such section).
  let titleLengths: UnsafeRawBufferPointer
  let documentLengths: UnsafeRawBufferPointer
  let documentOffsets: UnsafeRawBufferPointer
  let documentStrings: UnsafeRawBufferPointer
  let skips: UnsafeRawBufferPointer
  let forwardOffsets: UnsafeRawBufferPointer
  let forwardTerms: UnsafeRawBufferPointer
  /// Block checks of `postings`, `positions` and `documentStrings`.
  let postingsChecks: BlockChecks
  let positionsChecks: BlockChecks
  let documentChecks: BlockChecks

  /// Opens the segment file `name` in `directory` and checks its structure and the checksums of
  /// the sections read whole.
  ///
  /// - Throws: `IndexError.io` when the file cannot be mapped, `.corrupt` when its header, footer,
  ///   section table or a checked section is damaged.
  public init(directory: IndexDirectory, name: String) throws(IndexError) {
    self.name = name
    let path = directory.filePath(name)
    let file = try MappedFile(path: path)
    let sections = try SectionTable(file: file.bytes, path: path)
    self.file = file
    self.sections = sections
    func slice(_ section: SegmentFormat.Section) -> UnsafeRawBufferPointer {
      let entry = sections.entries[section]!
      return UnsafeRawBufferPointer(
        rebasing: file.bytes[entry.offset..<(entry.offset + entry.length)])
    }
    // Every section not checked block by block is checked whole now, before anything in it is
    // believed: together they are a small share of the segment (2.7 MB of the 39.7 MB gov
    // benchmark index, a few milliseconds).
    for (section, entry) in sections.entries
    where !SegmentFormat.blockCheckedSections.contains(section) {
      guard CRC32.checksum(slice(section)) == entry.checksum else {
        throw IndexError(
          .corrupt, path: path,
          "checksum mismatch in \(section.label): the index is damaged")
      }
    }
    let tables = try Self.blockChecksumTables(
      sections.entries[.blockChecksums].map { _ in slice(.blockChecksums) }, sections: sections,
      path: path)
    func checks(_ section: SegmentFormat.Section) -> BlockChecks {
      if let table = tables[section] {
        return BlockChecks(
          section: section, path: path, bytes: slice(section), blockShift: table.shift,
          checksums: table.checksums)
      }
      return BlockChecks(
        section: section, path: path, bytes: slice(section),
        checksum: sections.entries[section]!.checksum)
    }
    postingsChecks = checks(.postings)
    positionsChecks = checks(.positions)
    documentChecks = checks(.documentStrings)
    let stats = slice(.stats)
    guard stats.count >= 24 else {
      throw IndexError(.corrupt, path: path, "statistics section too short")
    }
    // Clamped: counts past Int.max fail the size checks below instead of trapping.
    documentCount = Int(clamping: stats.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
    bodyTokens = stats.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    termCount = Int(clamping: stats.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
    termKeys = slice(.termKeys)
    terms = slice(.terms)
    postings = slice(.postings)
    positions = slice(.positions)
    documentLengths = slice(.documentLengths)
    documentOffsets = slice(.documentOffsets)
    documentStrings = slice(.documentStrings)
    skips = slice(.skips)
    forwardOffsets = slice(.forwardOffsets)
    forwardTerms = slice(.forwardTerms)
    titleLengths =
      sections.entries[.titleLengths] == nil
      ? UnsafeRawBufferPointer(start: nil, count: 0) : slice(.titleLengths)
    // Counts are compared by division so that a damaged count cannot overflow a product.
    guard termCount < terms.count / SegmentFormat.termEntrySize,
      terms.count == (termCount + 1) * SegmentFormat.termEntrySize,
      documentCount < documentOffsets.count / 8,
      forwardOffsets.isEmpty || forwardOffsets.count == (documentCount + 1) * 4,
      documentLengths.count == documentCount * 4,
      titleLengths.isEmpty || titleLengths.count == documentCount * 2,
      documentOffsets.count == (documentCount + 1) * 8
    else {
      throw IndexError(.corrupt, path: path, "section sizes disagree with the segment's statistics")
    }
    // The sentinel's offsets must end inside their sections; every other offset is checked
    // against its neighbour when read, so a bad entry yields an error, never a wild read.
    guard termOffset(termCount, 16) == UInt64(postings.count),
      termOffset(termCount, 24) == UInt64(positions.count),
      documentOffset(documentCount) == UInt64(documentStrings.count)
    else { throw IndexError(.corrupt, path: path, "segment index offsets do not match its data") }
  }

  /// The per-block checksum tables of a `blockChecksums` section, by the section they cover
  /// (none for a format 4 segment). The section's own checksum has been verified.
  private static func blockChecksumTables(
    _ bytes: UnsafeRawBufferPointer?, sections: SectionTable, path: String
  ) throws(IndexError) -> [SegmentFormat.Section: (shift: Int, checksums: UnsafeRawBufferPointer)] {
    guard let bytes else { return [:] }
    let damaged = IndexError(.corrupt, path: path, "block checksums section is malformed")
    guard bytes.count >= 8 else { throw damaged }
    let blockSize = Int(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
    let count = Int(bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
    // A power of two from 512 bytes to 16 MiB.
    guard blockSize.nonzeroBitCount == 1, (512...(1 << 24)).contains(blockSize), count <= 16,
      8 + count * 4 <= bytes.count
    else {
      throw damaged
    }
    let shift = blockSize.trailingZeroBitCount
    var tables: [SegmentFormat.Section: (shift: Int, checksums: UnsafeRawBufferPointer)] = [:]
    var offset = 8 + count * 4
    for index in 0..<count {
      let kind = bytes.loadUnaligned(fromByteOffset: 8 + index * 4, as: UInt32.self)
      guard let section = SegmentFormat.Section(rawValue: kind),
        SegmentFormat.blockCheckedSections.contains(section),
        tables[section] == nil, let entry = sections.entries[section]
      else { throw damaged }
      let length = (entry.length + blockSize - 1) / blockSize * 4
      guard length <= bytes.count - offset else { throw damaged }
      tables[section] = (shift, UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]))
      offset += length
    }
    guard offset == bytes.count else { throw damaged }
    return tables
  }

  /// The forward-field term numbers of `document` (empty when damaged).
  func forwardTerms(of document: Int) -> UnsafeRawBufferPointer {
    // A segment without forward-field terms has neither section.
    guard !forwardOffsets.isEmpty else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    let start = Int(forwardOffsets.loadUnaligned(fromByteOffset: document * 4, as: UInt32.self)) * 4
    let end =
      Int(forwardOffsets.loadUnaligned(fromByteOffset: (document + 1) * 4, as: UInt32.self)) * 4
    guard start <= end, end <= forwardTerms.count else {
      return UnsafeRawBufferPointer(start: nil, count: 0)
    }
    return UnsafeRawBufferPointer(rebasing: forwardTerms[start..<end])
  }

  /// Reads every section and compares its CRC-32 with the footer's, and every checked block
  /// with its own.
  public func verify() throws(IndexError) {
    for (section, entry) in sections.entries {
      let bytes = UnsafeRawBufferPointer(
        rebasing: file.bytes[entry.offset..<(entry.offset + entry.length)])
      guard CRC32.checksum(bytes) == entry.checksum else {
        throw IndexError(.corrupt, path: file.path, "checksum mismatch in section \(section)")
      }
    }
    for checks in [postingsChecks, positionsChecks, documentChecks] { try checks.checkAll() }
  }

  /// The segment file's size in bytes.
  public var fileSize: Int { file.bytes.count }

  // MARK: Documents

  @inline(__always)
  private func documentOffset(_ index: Int) -> UInt64 {
    documentOffsets.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
  }

  /// The body length of `document` (its number in the segment) in indexed tokens, for BM25.
  @inline(__always)
  public func documentLength(_ document: Int) -> UInt32 {
    documentLengths.loadUnaligned(fromByteOffset: document * 4, as: UInt32.self)
  }

  /// The title's length of `document` in indexed tokens; nil for a segment written before
  /// titles' lengths were kept.
  public func titleLength(_ document: Int) -> UInt16? {
    titleLengths.isEmpty
      ? nil : titleLengths.loadUnaligned(fromByteOffset: document * 2, as: UInt16.self)
  }

  /// Field 0 (id), 1 (title) or 2 (text) of `document`, its entry's blocks checked first.
  ///
  /// - Throws: `.corrupt` when a checksum of the entry's bytes fails or its offsets are out of
  ///   order.
  private func documentString(_ document: Int, _ field: Int) throws(IndexError) -> ArraySlice<UInt8>
  {
    let end = Int(min(documentOffset(document + 1), UInt64(documentStrings.count)))
    let entryStart = documentOffset(document)
    guard entryStart <= UInt64(end) else {
      throw IndexError(
        .corrupt, path: file.path,
        "document \(document)'s stored offsets are out of order: the index is damaged; rebuild it")
    }
    var offset = Int(entryStart)
    try documentChecks.check(offset..<end)
    let entry = UnsafeRawBufferPointer(rebasing: documentStrings[..<end])
    guard let idLength = VarInt.read(entry, &offset), let titleLength = VarInt.read(entry, &offset)
    else { return [] }
    let idStart = offset
    let titleStart = idStart + min(Int(idLength), end - idStart)
    let textStart = titleStart + min(Int(titleLength), end - titleStart)
    let (start, stop) =
      switch field {
      case 0: (idStart, titleStart)
      case 1: (titleStart, textStart)
      default: (textStart, end)
      }
    return start < stop ? ArraySlice(documentStrings[start..<stop]) : []
  }

  /// The id of `document` (UTF-8); `.corrupt` when its stored entry is damaged.
  public func documentID(_ document: Int) throws(IndexError) -> ArraySlice<UInt8> {
    try documentString(document, 0)
  }
  /// The title of `document` (UTF-8, empty when it has none); `.corrupt` when damaged.
  public func documentTitle(_ document: Int) throws(IndexError) -> ArraySlice<UInt8> {
    try documentString(document, 1)
  }
  /// The text of `document` (UTF-8, empty when the index keeps no texts); `.corrupt` when
  /// damaged.
  public func documentText(_ document: Int) throws(IndexError) -> ArraySlice<UInt8> {
    try documentString(document, 2)
  }

  // MARK: Terms

  @inline(__always)
  private func termOffset(_ term: Int, _ field: Int) -> UInt64 {
    terms.loadUnaligned(fromByteOffset: term * SegmentFormat.termEntrySize + field, as: UInt64.self)
  }

  @inline(__always)
  private func termWord(_ term: Int, _ field: Int) -> UInt32 {
    terms.loadUnaligned(fromByteOffset: term * SegmentFormat.termEntrySize + field, as: UInt32.self)
  }

  /// The folded and exact keys of term `term` (empty when the entry is damaged).
  @inline(__always)
  public func keys(_ term: Int) -> (folded: UnsafeRawBufferPointer, exact: UnsafeRawBufferPointer) {
    let start = Int(termWord(term, 0))
    let lengths = termWord(term, 4)
    let foldedLength = Int(lengths & 0xFFFF)
    let exactLength = Int(lengths >> 16)
    guard start + foldedLength + exactLength <= termKeys.count else {
      return (
        UnsafeRawBufferPointer(start: nil, count: 0), UnsafeRawBufferPointer(start: nil, count: 0)
      )
    }
    return (
      UnsafeRawBufferPointer(rebasing: termKeys[start..<(start + foldedLength)]),
      UnsafeRawBufferPointer(
        rebasing: termKeys[(start + foldedLength)..<(start + foldedLength + exactLength)])
    )
  }

  /// The number of documents of the segment that contain `term` (a term number), deleted ones
  /// included.
  public func documentFrequency(_ term: Int) -> Int { Int(termWord(term, 8)) }

  /// The skip entries of `term` (`SegmentFormat.skipEntrySize` bytes each), empty when damaged
  /// or absent.
  func skipEntries(_ term: Int) -> UnsafeRawBufferPointer {
    let size = SegmentFormat.skipEntrySize
    let first = Int(termWord(term, 12)) * size
    let count = max(0, documentFrequency(term) - 1) / SegmentFormat.skipInterval * size
    guard first + count <= skips.count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(rebasing: skips[first..<(first + count)])
  }

  /// The encoded postings of `term`, and its positions when `withPositions`, their blocks
  /// checked against their checksums. Without positions the positions region is empty, so a
  /// reader that reads them anyway finds damage rather than unchecked bytes.
  ///
  /// - Throws: `.corrupt` when the term's offsets are out of order or a checksum fails.
  func encodedPostings(_ term: Int, withPositions: Bool = false) throws(IndexError)
    -> EncodedPostings
  {
    let postingsStart = termOffset(term, 16)
    let postingsEnd = termOffset(term + 1, 16)
    let positionsStart = termOffset(term, 24)
    let positionsEnd = termOffset(term + 1, 24)
    guard postingsStart <= postingsEnd, postingsEnd <= UInt64(postings.count),
      positionsStart <= positionsEnd,
      positionsEnd <= UInt64(positions.count)
    else {
      throw IndexError(
        .corrupt, path: file.path, "term \(term) has damaged offsets: the index is damaged")
    }
    let postingsRange = Int(postingsStart)..<Int(postingsEnd)
    try postingsChecks.check(postingsRange)
    var positionsRange = 0..<0
    if withPositions {
      positionsRange = Int(positionsStart)..<Int(positionsEnd)
      try positionsChecks.check(positionsRange)
    }
    return EncodedPostings(
      postings: UnsafeRawBufferPointer(rebasing: postings[postingsRange]),
      positions: UnsafeRawBufferPointer(rebasing: positions[positionsRange]),
      documentLengths: documentLengths)
  }

  /// The terms whose folded key is `folded` (all exact spellings of it), as a range of term
  /// numbers. With `prefix`, the terms whose folded key starts with it.
  public func terms(folded: UnsafeRawBufferPointer, prefix: Bool = false) -> Range<Int> {
    let lower = partition { SegmentBuffer.compare(keys($0).folded, folded) < 0 }
    let upper = partition { term in
      let key = keys(term).folded
      if prefix {
        let head = UnsafeRawBufferPointer(rebasing: key[0..<min(key.count, folded.count)])
        return SegmentBuffer.compare(head, folded) <= 0
      }
      return SegmentBuffer.compare(key, folded) <= 0
    }
    return lower..<max(lower, upper)
  }

  /// The first term for which `isBefore` is false (binary search; `isBefore` must be monotone).
  private func partition(_ isBefore: (Int) -> Bool) -> Int {
    var low = 0
    var high = termCount
    while low < high {
      let middle = (low + high) / 2
      if isBefore(middle) { low = middle + 1 } else { high = middle }
    }
    return low
  }
}

/// One term's encoded lists in a segment, with the document lengths its position codes depend
/// on (`RiceCode.parameter`).
struct EncodedPostings {
  let postings: UnsafeRawBufferPointer
  let positions: UnsafeRawBufferPointer
  let documentLengths: UnsafeRawBufferPointer
}
