/// Reads one term's postings in document order, and on request each document's positions.
///
/// A reader that wants positions takes them with `readPositions(into:)` right after `next()`
/// finds their document, or owes them (`PositionSeeker` skips owed positions in one pass);
/// readers of postings alone never touch the position streams. Damaged bytes end the iteration
/// and set `isDamaged`; they never trap.
@usableFromInline
struct PostingCursor {
  let postings: UnsafeRawBufferPointer
  var positions: RicePositionReader
  private let documentLengths: UnsafeRawBufferPointer
  var postingsOffset = 0
  var document: UInt32 = 0
  var frequency: UInt32 = 0
  private var postingsDamaged = false

  init(_ encoded: EncodedPostings) {
    postings = encoded.postings
    positions = RicePositionReader(region: encoded.positions)
    documentLengths = encoded.documentLengths
  }

  var isDamaged: Bool {
    get { postingsDamaged || positions.isDamaged }
    set { postingsDamaged = newValue }
  }

  /// The Rice parameter of the current document's positions: from its length and the term's
  /// frequency in it. A document past the segment (damage) reads as length 0.
  @inline(__always)
  var positionParameter: Int {
    let offset = Int(document) &* 4
    let length =
      offset + 4 <= documentLengths.count
      ? documentLengths.loadUnaligned(fromByteOffset: offset, as: UInt32.self) : 0
    return RiceCode.parameter(length: length, frequency: frequency)
  }

  /// Decodes up to `capacity` postings into `documents` and `frequencies`; returns how many.
  /// The loop a query spends most of its decoding in: short postings (`shortPosting`) are
  /// decoded in place; anything else goes through `next()`.
  mutating func decode(
    into documents: UnsafeMutablePointer<UInt32>, _ frequencies: UnsafeMutablePointer<UInt32>,
    capacity: Int
  ) -> Int {
    guard let base = postings.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
    let end = postings.count
    var decoded = 0
    var offset = postingsOffset
    var current = document
    while decoded < capacity && offset < end {
      if let posting = Self.shortPosting(base, at: offset, end: end) {
        let (sum, overflow) = current.addingReportingOverflow(posting.gap)
        if !overflow {
          current = sum
          documents[decoded] = current
          frequencies[decoded] = posting.frequency
          offset += posting.length
          decoded += 1
          continue
        }
      }
      // Anything else (longer heads or frequencies, damage) goes through `next()`, which also
      // reports damage.
      postingsOffset = offset
      document = current
      guard let posting = next() else { return decoded }
      offset = postingsOffset
      current = posting.document
      documents[decoded] = posting.document
      frequencies[decoded] = posting.frequency
      decoded += 1
    }
    postingsOffset = offset
    document = current
    frequency = decoded > 0 ? frequencies[decoded - 1] : frequency
    return decoded
  }

  /// Decodes a term's whole list, whose document frequency is `documents.count`, into the two
  /// buffers; returns how many postings it read. Sets `isDamaged` when the list is unreadable,
  /// holds more postings than its document frequency, or names a document at or past
  /// `documentCount`: what every reader of whole lists checks.
  @inline(__always)
  mutating func decodeAll(
    into documents: UnsafeMutableBufferPointer<UInt32>,
    _ frequencies: UnsafeMutableBufferPointer<UInt32>,
    documentCount: Int
  ) -> Int {
    guard let documentsBase = documents.baseAddress, let frequenciesBase = frequencies.baseAddress
    else {
      if postingsOffset < postings.count { isDamaged = true }
      return 0
    }
    let decoded = decode(
      into: documentsBase, frequenciesBase, capacity: min(documents.count, frequencies.count))
    // Ascending, so the last document bounds them all.
    if decoded > 0 && Int(documents[decoded - 1]) >= documentCount { isDamaged = true }
    if postingsOffset < postings.count { isDamaged = true }
    return decoded
  }

  /// The next document and the term's frequency in it.
  @inline(__always)
  mutating func next() -> (document: UInt32, frequency: UInt32)? {
    let end = postings.count
    guard postingsOffset < end else { return nil }
    // A non-empty buffer has a base address.
    let base = postings.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
    if let posting = Self.shortPosting(base, at: postingsOffset, end: end) {
      let (sum, overflow) = document.addingReportingOverflow(posting.gap)
      if !overflow {
        postingsOffset += posting.length
        document = sum
        frequency = posting.frequency
        return (sum, frequency)
      }
    }
    return nextInGeneral()
  }

  /// The posting at `offset` (< `end`) when it takes at most three bytes — a one- or two-byte
  /// head, and one more byte for a frequency of 8 to 135 — as nearly all do: its gap, frequency
  /// and length. Nil for anything else (longer, or cut short), which `nextInGeneral` reads and
  /// judges.
  @inline(__always)
  static func shortPosting(
    _ base: UnsafePointer<UInt8>, at offset: Int, end: Int
  ) -> (gap: UInt32, frequency: UInt32, length: Int)? {
    var head = UInt32(base[offset])
    var length = 1
    if head >= 0x80 {
      guard offset + 1 < end, base[offset + 1] < 0x80 else { return nil }
      head = head & 0x7F | UInt32(base[offset + 1]) << 7
      length = 2
    }
    guard head & 7 == 7 else { return (head >> 3, (head & 7) + 1, length) }
    guard offset + length < end, base[offset + length] < 0x80 else { return nil }
    return (head >> 3, UInt32(base[offset + length]) + 8, length + 1)
  }

  /// `next()` for any posting, checking every byte: a damaged one ends the iteration.
  private mutating func nextInGeneral() -> (document: UInt32, frequency: UInt32)? {
    var count: UInt32 = 0
    guard let head = VarInt.read35(postings, &postingsOffset), head >> 3 <= UInt64(UInt32.max)
    else {
      return damaged()
    }
    if head & 7 != 7 {
      count = UInt32(head & 7) + 1
    } else {
      guard let extra = VarInt.read(postings, &postingsOffset), extra <= UInt32.max - 8 else {
        return damaged()
      }
      count = extra + 8
    }
    let (sum, overflow) = document.addingReportingOverflow(UInt32(head >> 3))
    if overflow { return damaged() }
    document = sum
    frequency = count
    return (sum, count)
  }

  private mutating func damaged() -> (document: UInt32, frequency: UInt32)? {
    isDamaged = true
    postingsOffset = postings.count
    return nil
  }

  /// Appends the current document's positions to `output` (one uniqueness check, not one per
  /// position: this is the innermost loop of phrase queries). The position streams must stand at
  /// this document's.
  @inline(__always)
  mutating func readPositions(into output: PositionBuffer) -> Bool {
    let count = Int(frequency)
    // A local copy of the stream state stays in registers through the loop.
    var reader = positions
    defer { positions = reader }
    guard reader.read(count, parameter: positionParameter, into: output.reserve(count)) else {
      return false
    }
    output.commit(count)
    return true
  }
}
