/// A segment opened for reading: its sections located in the memory map, nothing copied.
///
/// Opening checks the header, the footer and its checksum and that every section lies inside
/// the file (so a truncated or foreign file is refused at once); `verify()` reads every byte
/// against the section checksums, which `vitext index check` runs.
public final class SegmentReader: @unchecked Sendable {
  public let name: String
  let file: MappedFile
  let sections: SectionTable
  public let documentCount: Int
  public let bodyTokens: UInt64
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

  public init(directory: IndexDirectory, name: String) throws(IndexError) {
    self.name = name
    let path = directory.filePath(name)
    let file = try MappedFile(path: path)
    let sections = try SectionTable(file: file.bytes, path: path)
    self.file = file
    self.sections = sections
    func slice(_ section: SegmentFormat.Section) -> UnsafeRawBufferPointer {
      let entry = sections.entries[section]!
      return UnsafeRawBufferPointer(rebasing: file.bytes[entry.offset..<(entry.offset + entry.length)])
    }
    let stats = slice(.stats)
    guard stats.count >= 24 else { throw IndexError(.corrupt, path: path, "statistics section too short") }
    documentCount = Int(stats.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
    bodyTokens = stats.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    termCount = Int(stats.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
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
    titleLengths = sections.entries[.titleLengths] == nil ? UnsafeRawBufferPointer(start: nil, count: 0) : slice(.titleLengths)
    guard terms.count == (termCount + 1) * SegmentFormat.termEntrySize,
      forwardOffsets.isEmpty || forwardOffsets.count == (documentCount + 1) * 4,
      documentLengths.count == documentCount * 4,
      titleLengths.isEmpty || titleLengths.count == documentCount * 2,
      documentOffsets.count == (documentCount + 1) * 8
    else { throw IndexError(.corrupt, path: path, "section sizes disagree with the segment's statistics") }
    // The sentinel's offsets must end inside their sections; every other offset is checked
    // against its neighbour when read, so a bad entry yields an error, never a wild read.
    guard Int(termOffset(termCount, 16)) == postings.count, Int(termOffset(termCount, 24)) == positions.count,
      Int(documentOffset(documentCount)) == documentStrings.count
    else { throw IndexError(.corrupt, path: path, "segment index offsets do not match its data") }
  }

  /// The forward-field term numbers of `document` (empty when damaged).
  func forwardTerms(of document: Int) -> UnsafeRawBufferPointer {
    // A segment without forward-field terms has neither section.
    guard !forwardOffsets.isEmpty else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    let start = Int(forwardOffsets.loadUnaligned(fromByteOffset: document * 4, as: UInt32.self)) * 4
    let end = Int(forwardOffsets.loadUnaligned(fromByteOffset: (document + 1) * 4, as: UInt32.self)) * 4
    guard start <= end, end <= forwardTerms.count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(rebasing: forwardTerms[start..<end])
  }

  /// Reads every section and compares its CRC-32 with the footer's.
  public func verify() throws(IndexError) {
    for (section, entry) in sections.entries {
      let bytes = UnsafeRawBufferPointer(rebasing: file.bytes[entry.offset..<(entry.offset + entry.length)])
      guard CRC32.checksum(bytes) == entry.checksum else {
        throw IndexError(.corrupt, path: file.path, "checksum mismatch in section \(section)")
      }
    }
  }

  public var fileSize: Int { file.bytes.count }

  // MARK: Documents

  @inline(__always)
  private func documentOffset(_ index: Int) -> UInt64 {
    documentOffsets.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
  }

  @inline(__always)
  public func documentLength(_ document: Int) -> UInt32 {
    documentLengths.loadUnaligned(fromByteOffset: document * 4, as: UInt32.self)
  }

  /// The title's length of `document` in indexed tokens; nil for a segment written before
  /// titles' lengths were kept.
  public func titleLength(_ document: Int) -> UInt16? {
    titleLengths.isEmpty ? nil : titleLengths.loadUnaligned(fromByteOffset: document * 2, as: UInt16.self)
  }

  /// Field 0 (id), 1 (title) or 2 (text) of `document`; empty when its entry is damaged.
  private func documentString(_ document: Int, _ field: Int) -> ArraySlice<UInt8> {
    let end = Int(min(documentOffset(document + 1), UInt64(documentStrings.count)))
    var offset = Int(min(documentOffset(document), UInt64(end)))
    let entry = UnsafeRawBufferPointer(rebasing: documentStrings[..<end])
    guard let idLength = VarInt.read(entry, &offset), let titleLength = VarInt.read(entry, &offset) else { return [] }
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

  public func documentID(_ document: Int) -> ArraySlice<UInt8> { documentString(document, 0) }
  public func documentTitle(_ document: Int) -> ArraySlice<UInt8> { documentString(document, 1) }
  public func documentText(_ document: Int) -> ArraySlice<UInt8> { documentString(document, 2) }

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
      return (UnsafeRawBufferPointer(start: nil, count: 0), UnsafeRawBufferPointer(start: nil, count: 0))
    }
    return (
      UnsafeRawBufferPointer(rebasing: termKeys[start..<(start + foldedLength)]),
      UnsafeRawBufferPointer(rebasing: termKeys[(start + foldedLength)..<(start + foldedLength + exactLength)])
    )
  }

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

  /// The encoded postings and positions of `term`, or nil when its offsets are damaged.
  func encodedPostings(_ term: Int) -> EncodedPostings? {
    let postingsStart = termOffset(term, 16)
    let postingsEnd = termOffset(term + 1, 16)
    let positionsStart = termOffset(term, 24)
    let positionsEnd = termOffset(term + 1, 24)
    guard postingsStart <= postingsEnd, postingsEnd <= UInt64(postings.count), positionsStart <= positionsEnd,
      positionsEnd <= UInt64(positions.count)
    else { return nil }
    return EncodedPostings(
      postings: UnsafeRawBufferPointer(rebasing: postings[Int(postingsStart)..<Int(postingsEnd)]),
      positions: UnsafeRawBufferPointer(rebasing: positions[Int(positionsStart)..<Int(positionsEnd)]),
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
