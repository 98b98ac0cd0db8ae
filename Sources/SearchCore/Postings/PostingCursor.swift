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
  /// The loop a query spends most of its decoding in: one- and two-byte postings take a
  /// branch-light path; anything else goes through `next()`.
  mutating func decode(
    into documents: UnsafeMutablePointer<UInt32>, _ frequencies: UnsafeMutablePointer<UInt32>, capacity: Int
  ) -> Int {
    guard let base = postings.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
    let end = postings.count
    var decoded = 0
    var offset = postingsOffset
    var current = document
    while decoded < capacity && offset < end {
      // One- and two-byte heads with the frequency in them: nearly all postings.
      var head = UInt32(base[offset])
      var length = 1
      var short = true
      if head >= 0x80 {
        if offset + 1 < end && base[offset + 1] < 0x80 {
          head = head & 0x7F | UInt32(base[offset + 1]) << 7
          length = 2
        } else {
          short = false
        }
      }
      var frequency = (head & 7) + 1
      if head & 7 == 7 {
        // A frequency of 8 or more follows; one byte up to 135.
        if short && offset + length < end && base[offset + length] < 0x80 {
          frequency = UInt32(base[offset + length]) + 8
          length += 1
        } else {
          short = false
        }
      }
      if short {
        let (sum, overflow) = current.addingReportingOverflow(head >> 3)
        if !overflow {
          current = sum
          documents[decoded] = current
          frequencies[decoded] = frequency
          offset += length
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

  /// The next document and the term's frequency in it.
  @inline(__always)
  mutating func next() -> (document: UInt32, frequency: UInt32)? {
    let end = postings.count
    guard postingsOffset < end else { return nil }
    // A one-byte posting with the frequency in it: what a seeker walking a common word meets.
    var head = UInt32(postings.load(fromByteOffset: postingsOffset, as: UInt8.self))
    var length = 1
    if head >= 0x80 {
      // Or a two-byte one (a rarer word's); anything longer goes the general way (7 sends it).
      let second = postingsOffset + 1 < end ? postings.load(fromByteOffset: postingsOffset + 1, as: UInt8.self) : 0x80
      head = second < 0x80 ? head & 0x7F | UInt32(second) << 7 : 7
      length = 2
    }
    if head & 7 != 7 {
      let (sum, overflow) = document.addingReportingOverflow(head >> 3)
      if !overflow {
        postingsOffset += length
        document = sum
        frequency = (head & 7) + 1
        return (sum, frequency)
      }
    }
    return nextInGeneral()
  }

  /// `next()` for any posting, checking every byte: a damaged one ends the iteration.
  private mutating func nextInGeneral() -> (document: UInt32, frequency: UInt32)? {
    var count: UInt32 = 0
    guard let head = VarInt.read35(postings, &postingsOffset), head >> 3 <= UInt64(UInt32.max) else {
      return damaged()
    }
    if head & 7 != 7 {
      count = UInt32(head & 7) + 1
    } else {
      guard let extra = VarInt.read(postings, &postingsOffset), extra <= UInt32.max - 8 else { return damaged() }
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
    for index in 0..<count {
      guard let gap = VarInt.readSmall(positions, &offset) else {
        isDamaged = true
        return false
      }
      position &+= gap
      target[index] = position
    }
    positionsOffset = offset
    output.commit(count)
    return true
  }
}
