import Synchronization

/// One section of a segment checked block by block as it is read: each block's CRC-32 is
/// compared with the one the writer stored the first time any reader asks for a byte of it,
/// and a verified block is remembered (one bit), so a process pays for each block once.
///
/// The sections a query reads in part — postings, positions, stored documents — are large and
/// read a few kilobytes at a time; checking them whole would cost a pass over the index per
/// process, and not checking them lets flipped bits through as altered results (issue 21).
/// Damage is reported, never cached: every later read of the block fails the same way.
final class BlockChecks: @unchecked Sendable {
  let section: SegmentFormat.Section
  let path: String
  let bytes: UnsafeRawBufferPointer
  /// log2 of the block size; a segment without block checksums (format 4) has one block, the
  /// whole section, checked against the footer's checksum.
  private let blockShift: Int
  /// One little-endian u32 CRC-32 per block; empty for the single-block case.
  private let checksums: UnsafeRawBufferPointer
  private let wholeChecksum: UInt32
  let blockCount: Int
  /// Bit b set: block b matched its checksum. Relaxed atomics: the bytes are immutable, so a
  /// reader that sees a bit late only checks the block once more.
  private let verified: UnsafeMutablePointer<Atomic<UInt64>>
  private let wordCount: Int

  /// Blocks of `1 << blockShift` bytes with the checksums in `checksums` (4 bytes a block).
  convenience init(
    section: SegmentFormat.Section, path: String, bytes: UnsafeRawBufferPointer, blockShift: Int,
    checksums: UnsafeRawBufferPointer
  ) {
    let blockSize = 1 << blockShift
    self.init(
      section: section, path: path, bytes: bytes, blockShift: blockShift, checksums: checksums,
      wholeChecksum: 0,
      blockCount: (bytes.count + blockSize - 1) / blockSize)
  }

  /// The whole section as one block, checked against `checksum` (a format 4 segment).
  convenience init(
    section: SegmentFormat.Section, path: String, bytes: UnsafeRawBufferPointer, checksum: UInt32
  ) {
    // A shift no offset reaches: every byte lies in block 0.
    self.init(
      section: section, path: path, bytes: bytes, blockShift: 62,
      checksums: UnsafeRawBufferPointer(start: nil, count: 0),
      wholeChecksum: checksum, blockCount: bytes.isEmpty ? 0 : 1)
  }

  private init(
    section: SegmentFormat.Section, path: String, bytes: UnsafeRawBufferPointer, blockShift: Int,
    checksums: UnsafeRawBufferPointer, wholeChecksum: UInt32, blockCount: Int
  ) {
    self.section = section
    self.path = path
    self.bytes = bytes
    self.blockShift = blockShift
    self.checksums = checksums
    self.wholeChecksum = wholeChecksum
    self.blockCount = blockCount
    wordCount = max(1, (blockCount + 63) / 64)
    verified = .allocate(capacity: wordCount)
    for word in 0..<wordCount { (verified + word).initialize(to: Atomic(0)) }
  }

  deinit {
    verified.deinitialize(count: wordCount)
    verified.deallocate()
  }

  /// Checks the blocks holding `range` (offsets into the section, inside it) that no read
  /// checked before. The common case — every block already verified — is one atomic load a
  /// block.
  @inline(__always)
  func check(_ range: Range<Int>) throws(IndexError) {
    guard !range.isEmpty else { return }
    let first = range.lowerBound >> blockShift
    let last = (range.upperBound - 1) >> blockShift
    var block = first
    while block <= last {
      if !isVerified(block) { try verify(block) }
      block += 1
    }
  }

  /// Checks every block (what `vitext index check` runs).
  func checkAll() throws(IndexError) {
    for block in 0..<blockCount { try verify(block) }
  }

  @inline(__always)
  private func isVerified(_ block: Int) -> Bool {
    verified[block >> 6].load(ordering: .relaxed) & (1 << UInt64(block & 63)) != 0
  }

  private func verify(_ block: Int) throws(IndexError) {
    let start = block << blockShift
    let end = min(bytes.count, blockShift >= 62 ? bytes.count : start + (1 << blockShift))
    let expected =
      checksums.isEmpty
      ? wholeChecksum : checksums.loadUnaligned(fromByteOffset: block * 4, as: UInt32.self)
    guard start < end,
      CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        == UInt32(littleEndian: expected)
    else {
      throw IndexError(
        .corrupt, path: path,
        "checksum mismatch in \(section.label) (block \(block), bytes \(start)–\(end) of the section): the index is damaged"
      )
    }
    verified[block >> 6].bitwiseOr(1 << UInt64(block & 63), ordering: .relaxed)
  }
}

extension SegmentFormat.Section {
  /// What the section holds, in words, for error messages.
  var label: String {
    switch self {
    case .stats: "the statistics"
    case .termKeys: "the term keys"
    case .terms: "the term dictionary"
    case .postings: "the postings"
    case .positions: "the positions"
    case .documentLengths: "the document lengths"
    case .documentOffsets: "the document offsets"
    case .documentStrings: "the stored documents"
    case .skips: "the skip entries"
    case .forwardOffsets: "the forward index offsets"
    case .forwardTerms: "the forward index"
    case .titleLengths: "the title lengths"
    case .blockChecksums: "the block checksums"
    }
  }
}
