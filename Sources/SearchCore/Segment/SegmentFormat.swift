/// The layout of a segment file; FORMAT.md in this folder describes it for people.
///
/// A segment is one immutable file: a 16-byte header, typed sections each aligned to 8 bytes,
/// and a footer that lists the sections with a CRC-32 each (tantivy's footer, one file instead
/// of one per component so a segment appears on disk in one rename).
enum SegmentFormat {
  static let headerMagic: [UInt8] = Array("VTXSEG\0\0".utf8)
  static let footerMagic: [UInt8] = Array("VTXFOOT1".utf8)
  /// 5: per-block checksums of the sections a query reads in part (`blockChecksums`).
  /// 4 (positions as Rice codes, one document offset per document) is still read, its large
  /// sections checked whole on first use; 1 to 3 (LEB128 positions) are refused: rebuild the
  /// index.
  static let version: UInt32 = 5
  /// The oldest version this reader opens.
  static let oldestReadableVersion: UInt32 = 4
  /// Bytes per checked block of `blockCheckedSections` (the last block of a section may be
  /// shorter). 4 KiB: a short list verifies about one block (a few microseconds), and the
  /// checksums take 0.1 % of the sections they cover.
  static let checksumBlockSize = 4096
  /// The sections a query reads only in part, so a whole-section checksum would cost a read of
  /// everything: checked block by block, each block once per process. Every other section is
  /// checked whole when the segment is opened.
  static let blockCheckedSections: [Section] = [.postings, .positions, .documentStrings]
  static let headerSize = 16
  /// kind, crc, offset, length.
  static let sectionEntrySize = 24
  /// count, table crc, magic.
  static let footerTailSize = 16
  /// One term: key offset, folded and exact key lengths, document frequency, first skip
  /// entry, postings offset, positions offset.
  static let termEntrySize = 32
  /// Postings per block: a skip entry marks the start of every block after a term's first.
  static let skipInterval = 128
  /// One skip entry: document before the block, postings byte offset, unary and remainder bit
  /// offsets of its positions.
  static let skipEntrySize = 16

  enum Section: UInt32, CaseIterable {
    /// docCount u64, bodyTokens u64, termCount u64.
    case stats = 1
    /// Per term, its folded key then its exact key, in term order.
    case termKeys = 2
    /// `termEntrySize` bytes per term plus one sentinel whose offsets end the last term's data.
    case terms = 3
    /// Per term: per document, the gap from the previous document number and the term frequency.
    case postings = 4
    /// Per term: the unary stream's byte length, then the Rice quotients and remainders of the
    /// gaps between positions (`RiceCode`).
    case positions = 5
    /// Per document: UInt32 token count of the body field (BM25's document length).
    case documentLengths = 6
    /// Per document: UInt64 offset of its entry in `documentStrings`, plus one end.
    case documentOffsets = 7
    /// Per document: varint id length, varint title length, then id, title and text.
    case documentStrings = 8
    /// Per term, (df - 1) / skipInterval entries of four UInt32: the document before the
    /// block, and the block's offsets into the term's postings and its two position streams.
    case skips = 9
    /// Per document: UInt32 start of its entries in `forwardTerms`, plus one end; empty when
    /// no document has such entries.
    case forwardOffsets = 10
    /// The forward index: per document, the term numbers (UInt32, ascending) of its terms in the
    /// fields the writer listed, for facet counts.
    case forwardTerms = 11
    /// Per document: UInt16 length of its title in indexed tokens (a title match's length
    /// normalization). Optional: segments written before it are read without it.
    case titleLengths = 12
    /// u32 block size, u32 n, n × u32 section kind, then for each of those sections one u32
    /// CRC-32 per block of it (⌈length / block size⌉ of them), in the order listed. Since
    /// version 5.
    case blockChecksums = 13

    /// Sections a segment may lack (`blockChecksums`: a version 4 segment has none).
    static let optional: Set<Section> = [.titleLengths, .blockChecksums]
  }
}

/// Where a segment's sections lie, read from its footer.
struct SectionTable {
  struct Entry {
    var kind: UInt32
    var checksum: UInt32
    var offset: Int
    var length: Int
  }
  var entries: [SegmentFormat.Section: Entry] = [:]
  /// The segment's format version (`SegmentFormat.oldestReadableVersion` or later).
  let version: UInt32

  /// Reads and validates the footer of `file`.
  init(file: UnsafeRawBufferPointer, path: String) throws(IndexError) {
    let size = file.count
    guard size >= SegmentFormat.headerSize + SegmentFormat.footerTailSize else {
      throw IndexError(
        .corrupt, path: path,
        "segment is \(size) bytes, too short to be whole (a half-written file?)")
    }
    guard Array(file[0..<8]) == SegmentFormat.headerMagic else {
      throw IndexError(.corrupt, path: path, "not a vitext segment (wrong header)")
    }
    let version = file.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
    guard (SegmentFormat.oldestReadableVersion...SegmentFormat.version).contains(version) else {
      throw IndexError(
        .version, path: path,
        "segment format \(version); this vitext reads formats \(SegmentFormat.oldestReadableVersion) to \(SegmentFormat.version): rebuild the index"
      )
    }
    self.version = version
    guard Array(file[(size - 8)..<size]) == SegmentFormat.footerMagic else {
      throw IndexError(.corrupt, path: path, "segment footer missing (a truncated file?)")
    }
    let count = Int(file.loadUnaligned(fromByteOffset: size - 16, as: UInt32.self))
    let tableChecksum = file.loadUnaligned(fromByteOffset: size - 12, as: UInt32.self)
    let tableSize = count * SegmentFormat.sectionEntrySize
    guard count <= 64, tableSize + SegmentFormat.footerTailSize + SegmentFormat.headerSize <= size
    else {
      throw IndexError(.corrupt, path: path, "segment footer lists \(count) sections: damaged")
    }
    let tableStart = size - SegmentFormat.footerTailSize - tableSize
    let table = UnsafeRawBufferPointer(rebasing: file[tableStart..<(size - 12)])
    guard CRC32.checksum(table) == tableChecksum else {
      throw IndexError(.corrupt, path: path, "segment footer checksum mismatch")
    }
    for index in 0..<count {
      let base = tableStart + index * SegmentFormat.sectionEntrySize
      let entry = Entry(
        kind: file.loadUnaligned(fromByteOffset: base, as: UInt32.self),
        checksum: file.loadUnaligned(fromByteOffset: base + 4, as: UInt32.self),
        // Clamped: a damaged offset past Int.max must give the error below, not a trap.
        offset: Int(clamping: file.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self)),
        length: Int(clamping: file.loadUnaligned(fromByteOffset: base + 16, as: UInt64.self)))
      guard entry.offset >= SegmentFormat.headerSize, entry.length >= 0, entry.offset <= tableStart,
        entry.length <= tableStart - entry.offset
      else {
        throw IndexError(.corrupt, path: path, "section \(entry.kind) lies outside the file")
      }
      if let section = SegmentFormat.Section(rawValue: entry.kind) { entries[section] = entry }
    }
    for section in SegmentFormat.Section.allCases
    where entries[section] == nil && !SegmentFormat.Section.optional.contains(section) {
      throw IndexError(.corrupt, path: path, "section \(section) missing")
    }
    if version >= 5 && entries[.blockChecksums] == nil {
      throw IndexError(.corrupt, path: path, "section blockChecksums missing")
    }
  }
}

/// Limits the index format sets for its callers.
public enum IndexLimits {
  /// Longest key a term may have (lengths are stored in 16 bits; analyzers drop longer tokens,
  /// since a run of 200 letters is not a word anybody searches for, and the limit bounds every
  /// key comparison).
  public static let maximumKeyLength = 240
}
