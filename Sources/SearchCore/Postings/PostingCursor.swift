/// Reads one term's postings in document order, and on request each document's positions.
///
/// After every `next()` the caller takes the positions with `readPositions(into:)` or passes
/// over them with `skipPositions()`, since the two streams advance together. Damaged bytes end
/// the iteration and set `isDamaged`; they never trap.
@usableFromInline
struct PostingCursor {
  let postings: UnsafeRawBufferPointer
  let positions: UnsafeRawBufferPointer
  var postingsOffset = 0
  var positionsOffset = 0
  var document: UInt32 = 0
  var frequency: UInt32 = 0
  var isDamaged = false

  init(_ postings: UnsafeRawBufferPointer, _ positions: UnsafeRawBufferPointer) {
    self.postings = postings
    self.positions = positions
  }

  /// Decodes up to `capacity` postings into `documents` and `frequencies`; returns how many.
  /// The loop a query spends most of its decoding in: one-byte values (most gaps and
  /// frequencies) take a branch-light path; anything else goes through `next()`.
  mutating func decode(
    into documents: UnsafeMutablePointer<UInt32>, _ frequencies: UnsafeMutablePointer<UInt32>, capacity: Int
  ) -> Int {
    guard let base = postings.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
    let end = postings.count
    var decoded = 0
    var offset = postingsOffset
    var current = document
    while decoded < capacity && offset < end {
      let head = base[offset]
      if head < 0x80 && head & 1 == 1 {
        // A one-byte gap and a frequency of 1: the common case.
        let (sum, overflow) = current.addingReportingOverflow(UInt32(head >> 1))
        if overflow { break }
        current = sum
        documents[decoded] = current
        frequencies[decoded] = 1
        offset += 1
        decoded += 1
        continue
      }
      if head < 0x80 && offset + 1 < end && base[offset + 1] < 0x80 && base[offset + 1] != 0 {
        // A one-byte gap and a one-byte frequency above 1.
        let (sum, overflow) = current.addingReportingOverflow(UInt32(head >> 1))
        if overflow { break }
        current = sum
        documents[decoded] = current
        frequencies[decoded] = UInt32(base[offset + 1])
        offset += 2
        decoded += 1
        continue
      }
      postingsOffset = offset
      document = current
      guard let posting = next() else { return decoded }
      offset = postingsOffset
      current = posting.document
      documents[decoded] = posting.document
      frequencies[decoded] = posting.frequency
      decoded += 1
    }
    if decoded < capacity && offset < end {
      // Overflowed in the fast path: let `next()` report the damage.
      postingsOffset = offset
      document = current
      _ = next()
    }
    postingsOffset = offset
    document = current
    frequency = decoded > 0 ? frequencies[decoded - 1] : frequency
    return decoded
  }

  /// The next document and the term's frequency in it.
  mutating func next() -> (document: UInt32, frequency: UInt32)? {
    guard postingsOffset < postings.count else { return nil }
    guard let head = VarInt.read(postings, &postingsOffset),
      let count = head & 1 == 1 ? 1 : VarInt.read(postings, &postingsOffset)
    else {
      isDamaged = true
      postingsOffset = postings.count
      return nil
    }
    let gap = head >> 1
    let (sum, overflow) = document.addingReportingOverflow(gap)
    if overflow || count == 0 {
      isDamaged = true
      postingsOffset = postings.count
      return nil
    }
    document = sum
    frequency = count
    return (sum, count)
  }

  /// Passes over the current document's positions; returns their byte range.
  mutating func skipPositions() -> Range<Int>? {
    let start = positionsOffset
    guard VarInt.skip(Int(frequency), in: positions, &positionsOffset) else {
      isDamaged = true
      return nil
    }
    return start..<positionsOffset
  }

  /// Appends the current document's positions to `output` (one uniqueness check, not one per
  /// position: this is the innermost loop of phrase queries).
  @inline(__always)
  mutating func readPositions(into output: PositionBuffer) -> Bool {
    let count = Int(frequency)
    let target = output.reserve(count)
    var offset = positionsOffset
    var position: UInt32 = 0
    var index = 0
    if let bytes = positions.baseAddress?.assumingMemoryBound(to: UInt8.self) {
      // One- and two-byte gaps (all but a few) without the general loop.
      let end = positions.count
      while index < count && offset < end {
        let first = bytes[offset]
        if first < 0x80 {
          position &+= UInt32(first)
          offset += 1
        } else if offset + 1 < end && bytes[offset + 1] < 0x80 {
          position &+= UInt32(first & 0x7F) | UInt32(bytes[offset + 1]) << 7
          offset += 2
        } else {
          break
        }
        target[index] = position
        index += 1
      }
    }
    while index < count {
      guard let gap = VarInt.read(positions, &offset) else {
        isDamaged = true
        return false
      }
      position &+= gap
      target[index] = position
      index += 1
    }
    positionsOffset = offset
    output.commit(count)
    return true
  }
}
