/// Finds one term's postings in a rising sequence of documents, jumping over whole blocks with
/// the skip entries (tantivy's skip index), and reads positions only when asked: a phrase query
/// first checks that a candidate holds every term, and reads positions only for those that do.
struct PositionSeeker {
  private var cursor: PostingCursor
  private let skips: UnsafeRawBufferPointer
  private var nextSkip = 0
  /// The cursor stands on a posting whose positions are not consumed yet.
  private var standing = false
  /// Whether positions will be asked for. A conjunction only asks which documents hold the term,
  /// so its seekers keep no account of the positions they pass: that account costs a document
  /// length and a Rice parameter per posting walked (`RiceCode`).
  private let readsPositions: Bool
  /// Positions of postings walked past but not yet skipped in the position streams, and the
  /// bits their remainders take: skipped in one pass when positions are next read, or never,
  /// when a skip entry jumps past them.
  private var positionsDebt = 0
  private var remainderDebt = 0

  /// - Throws: `.corrupt` when the term's postings (or positions, when read) fail their checks.
  init(reader: SegmentReader, term: Int, readsPositions: Bool) throws(IndexError) {
    cursor = PostingCursor(try reader.encodedPostings(term, withPositions: readsPositions))
    skips = reader.skipEntries(term)
    self.readsPositions = readsPositions
  }

  var isDamaged: Bool { cursor.isDamaged }

  /// The term's frequency in the document `advance(to:)` just found.
  var frequency: UInt32 { cursor.frequency }

  /// Moves to `document` (or past it) and returns whether the term occurs in it. Documents
  /// must be asked for in increasing order.
  mutating func advance(to document: UInt32) -> Bool {
    // Jump to the last block starting before `document`, if it lies ahead of the cursor.
    let size = SegmentFormat.skipEntrySize
    let entries = skips.count / size
    while nextSkip < entries {
      let base = nextSkip * size
      let before = skips.loadUnaligned(fromByteOffset: base, as: UInt32.self)
      guard before < document else { break }
      let postingsOffset = Int(skips.loadUnaligned(fromByteOffset: base + 4, as: UInt32.self))
      if postingsOffset > cursor.postingsOffset {
        cursor.postingsOffset = postingsOffset
        cursor.positions.seek(
          unaryBit: Int(skips.loadUnaligned(fromByteOffset: base + 8, as: UInt32.self)),
          remainderBit: Int(skips.loadUnaligned(fromByteOffset: base + 12, as: UInt32.self)))
        cursor.document = before
        standing = false
        positionsDebt = 0
        remainderDebt = 0
      }
      nextSkip += 1
    }
    if standing {
      if cursor.document >= document { return cursor.document == document }
      owePositions()
      standing = false
    }
    // Two loops, so the conjunction's stays as tight as it was before positions had a cost.
    if readsPositions {
      while let posting = cursor.next() {
        if posting.document >= document {
          standing = true
          return posting.document == document
        }
        owePositions()
      }
    } else {
      while let posting = cursor.next() {
        if posting.document >= document {
          standing = true
          return posting.document == document
        }
      }
    }
    return false
  }

  /// Adds the positions of the posting the cursor stands on to the debt.
  @inline(__always)
  private mutating func owePositions() {
    guard readsPositions else { return }
    positionsDebt += Int(cursor.frequency)
    remainderDebt += Int(cursor.frequency) * cursor.positionParameter
  }

  /// Keeps the phrase starts `s` (sorted) for which `s + offset` is a position of the term in
  /// the document `advance(to:)` just found, decoding the positions as it checks them and
  /// stopping when no start is left: the rest are skipped lazily, like those of postings walked
  /// past. False when damaged.
  mutating func keepStarts(_ starts: PositionBuffer, followedAt offset: UInt32) -> Bool {
    let kept = starts.elements
    var written = 0
    let intact = forEachStart(kept, followedAt: offset) { index in
      // Written at or before where it was read, so the pass reuses the buffer.
      kept[written] = kept[index]
      written += 1
    }
    starts.truncate(to: intact ? written : 0)
    return intact
  }

  /// Sets `marks[i]` for each phrase start `s` (sorted) for which `s + offset` is a position of
  /// the term in the document `advance(to:)` just found: one spelling's share when several
  /// spellings of a term hold the document. Decodes as it checks, up to the last start, like
  /// `keepStarts`. False when damaged.
  mutating func markStarts(
    _ starts: PositionBuffer, followedAt offset: UInt32, marks: UnsafeMutablePointer<UInt32>
  ) -> Bool {
    forEachStart(starts.elements, followedAt: offset) { marks[$0] = 1 }
  }

  /// Calls `matched` with the index of each start `s` of `starts` for which `s + offset` is a
  /// position in the found document, decoding positions until none is left to check.
  @inline(__always)
  private mutating func forEachStart(
    _ starts: UnsafeMutableBufferPointer<UInt32>, followedAt offset: UInt32,
    _ matched: (Int) -> Void
  ) -> Bool {
    guard reachPositions() else { return false }
    var next = 0
    var remaining = Int(cursor.frequency)
    let k = cursor.positionParameter
    var position = UInt32.max
    // A local copy of the stream state stays in registers through the loop.
    var positions = cursor.positions
    defer { cursor.positions = positions }
    guard positions.holdsRemainders(remaining, parameter: k) else { return positions.markDamaged() }
    while remaining > 0 && next < starts.count {
      guard let gap = positions.nextGapInBounds(parameter: k) else { return false }
      position = position &+ gap &+ 1
      remaining -= 1
      while next < starts.count && starts[next] &+ offset < position { next += 1 }
      if next < starts.count && starts[next] &+ offset == position {
        matched(next)
        next += 1
      }
    }
    positionsDebt = remaining
    remainderDebt = remaining * k
    return true
  }

  /// Appends the positions of the document `advance(to:)` just found; false when damaged.
  mutating func readPositions(into output: PositionBuffer) -> Bool {
    reachPositions() && cursor.readPositions(into: output)
  }

  /// Skips the positions owed by postings walked past, so the position streams stand at the
  /// found document's; false when there is none or the streams are damaged.
  private mutating func reachPositions() -> Bool {
    guard standing, readsPositions else { return false }
    standing = false
    if positionsDebt > 0 {
      guard cursor.positions.skip(values: positionsDebt, remainderBits: remainderDebt) else {
        return false
      }
      positionsDebt = 0
      remainderDebt = 0
    }
    return true
  }
}
