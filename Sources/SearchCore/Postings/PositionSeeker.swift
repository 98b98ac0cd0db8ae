/// Finds the positions of one term in a rising sequence of documents, jumping over whole blocks
/// of postings with the skip entries (tantivy's skip index): a phrase query reads the blocks
/// holding its candidate documents, not every posting of its common words.
struct PositionSeeker {
  private var cursor: PostingCursor
  private let skips: UnsafeRawBufferPointer
  private var nextSkip = 0
  /// The cursor stands on a posting whose positions are not read yet.
  private var pending = false

  init?(reader: SegmentReader, term: Int) {
    guard let encoded = reader.encodedPostings(term) else { return nil }
    cursor = PostingCursor(encoded.postings, encoded.positions)
    skips = reader.skipEntries(term)
  }

  var isDamaged: Bool { cursor.isDamaged }

  /// Appends the positions of `document` to `output` and returns true, or returns false when
  /// the term is not in it. Documents must be asked for in increasing order.
  mutating func positions(of document: UInt32, into output: inout [UInt32]) -> Bool {
    // Jump to the last block starting before `document`, if it lies ahead of the cursor.
    let entries = skips.count / 12
    while nextSkip < entries {
      let base = nextSkip * 12
      let before = skips.loadUnaligned(fromByteOffset: base, as: UInt32.self)
      guard before < document else { break }
      let postingsOffset = Int(skips.loadUnaligned(fromByteOffset: base + 4, as: UInt32.self))
      if postingsOffset > cursor.postingsOffset {
        cursor.postingsOffset = postingsOffset
        cursor.positionsOffset = Int(skips.loadUnaligned(fromByteOffset: base + 8, as: UInt32.self))
        cursor.document = before
        pending = false
      }
      nextSkip += 1
    }
    if pending {
      if cursor.document > document { return false }
      if cursor.document == document {
        pending = false
        return cursor.readPositions(into: &output)
      }
      pending = false
      guard cursor.skipPositions() != nil else { return false }
    }
    while let posting = cursor.next() {
      if posting.document > document {
        pending = true
        return false
      }
      if posting.document == document { return cursor.readPositions(into: &output) }
      guard cursor.skipPositions() != nil else { return false }
    }
    return false
  }
}
