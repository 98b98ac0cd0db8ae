extension Execution {
  /// Documents holding the terms at consecutive positions; BM25 with the phrase's frequency
  /// and the sum of its terms' IDFs (Lucene's phrase weight).
  ///
  /// Only the rarest term's postings are decoded: its documents are the candidates. Every other
  /// term is probed per candidate through its skip entries, rarest first, and a candidate is
  /// dropped at the first term it lacks or whose positions do not line up. Common syllables
  /// ("và", "nhân", "dân") are so read only in the blocks that hold candidates, and their
  /// positions only for documents still in the running.
  mutating func evaluatePhrase(_ matchers: [TermMatcher], segment: Int, averageLength: Float) throws(IndexError) -> DocumentList {
    let reader = self.reader.segments[segment].reader
    let spellingsOfTerms = matchers.map { spellings[$0]![segment] }
    let frequencies = spellingsOfTerms.map { $0.reduce(0) { $0 + $1.documentFrequency } }
    guard let driver = frequencies.indices.min(by: { frequencies[$0] < frequencies[$1] }), frequencies[driver] > 0 else {
      return DocumentList()
    }
    let candidates = try decodedPostings(matchers[driver], segment: segment)
    let order = frequencies.indices.sorted { frequencies[$0] < frequencies[$1] }.filter { $0 != driver }
    // Candidates (indices into the driver's list) narrowed at the document level first by the
    // terms whose lists are short beside them: decoding and merging such a list costs less than
    // probing it once per candidate.
    var survivors = [Int32](0..<Int32(candidates.documents.count))
    for index in order where frequencies[index] <= Self.mergeRatio * survivors.count {
      let term = try decodedPostings(matchers[index], segment: segment)
      survivors = Self.keep(survivors, of: candidates.documents, in: term.documents)
      if survivors.isEmpty { return DocumentList() }
    }
    var driverProbe = try TermProbe(spellings: spellingsOfTerms[driver], offset: driver, reader: reader)
    var probes: [TermProbe] = []
    for index in order {
      probes.append(try TermProbe(spellings: spellingsOfTerms[index], offset: index, reader: reader))
    }
    let weight = matchers.reduce(Float(0)) { $0 + weights[$1]! }
    let driverOffset = UInt32(driver)
    var list = DocumentList()
    let starts = PositionBuffer()
    let positions = PositionBuffer()
    candidates: for survivor in survivors {
      let index = Int(survivor)
      let document = candidates.documents[index]
      // Whether every term is there, rarest first, before any position is read.
      for probe in probes.indices where !probes[probe].advance(to: document, holders: ~0) { continue candidates }
      _ = driverProbe.advance(to: document, holders: candidates.masks[index])
      positions.removeAll()
      driverProbe.readPositions(into: positions)
      // A phrase starts `driverOffset` before each occurrence of the driver.
      starts.removeAll()
      for position in positions.elements where position >= driverOffset { starts.append(position - driverOffset) }
      var allTyped = candidates.typed[index]
      for probe in probes.indices {
        positions.removeAll()
        probes[probe].readPositions(into: positions)
        allTyped = allTyped && probes[probe].holdsTyped
        Self.keepStarts(starts, followedAt: probes[probe].offset, by: positions)
        if starts.isEmpty { continue candidates }
      }
      let score = weight * bm25.termWeight(frequency: UInt32(starts.count), length: reader.documentLength(Int(document)), averageLength: averageLength)
      list.append(document, score, allTyped ? 1 : 0)
    }
    if driverProbe.isDamaged || probes.contains(where: \.isDamaged) {
      throw IndexError(.corrupt, path: reader.name, "positions of a term are damaged; run `vitext index check`")
    }
    return list
  }

  /// How much longer than the candidate list a term's list may be and still be merged with it
  /// rather than probed per candidate (measured on the gov corpus: 8 to 32 perform alike).
  static var mergeRatio: Int { 16 }

  /// The survivors whose document is also in `documents` (both in document order).
  private static func keep(_ survivors: [Int32], of candidates: [UInt32], in documents: [UInt32]) -> [Int32] {
    var kept: [Int32] = []
    kept.reserveCapacity(survivors.count)
    var next = 0
    for survivor in survivors {
      let document = candidates[Int(survivor)]
      while next < documents.count && documents[next] < document { next += 1 }
      if next == documents.count { break }
      if documents[next] == document { kept.append(survivor) }
    }
    return kept
  }

  /// Keeps the phrase starts `s` for which `s + offset` is among `positions` (both sorted).
  @inline(__always)
  private static func keepStarts(_ starts: PositionBuffer, followedAt offset: UInt32, by positions: PositionBuffer) {
    let kept = starts.elements
    let found = positions.elements
    var written = 0
    var next = 0
    for start in kept {
      let wanted = start &+ offset
      while next < found.count && found[next] < wanted { next += 1 }
      if next < found.count && found[next] == wanted {
        // Written at or before where it was read, so the pass reuses the buffer.
        kept[written] = start
        written += 1
      }
    }
    starts.truncate(to: written)
  }
}

/// One phrase term while candidates are checked: a position seeker per spelling, so a candidate
/// costs a probe into each spelling's postings, never a walk over them.
struct TermProbe {
  /// The term's place in the phrase.
  let offset: UInt32
  private var seekers: [PositionSeeker]
  private let typed: [Bool]

  init(spellings: [TermPostings.Spelling], offset: Int, reader: SegmentReader) throws(IndexError) {
    self.offset = UInt32(offset)
    seekers = []
    for spelling in spellings {
      guard let seeker = PositionSeeker(reader: reader, term: spelling.term) else {
        throw IndexError(.corrupt, path: reader.name, "a term's offsets are damaged; run `vitext index check`")
      }
      seekers.append(seeker)
    }
    typed = spellings.map(\.isTyped)
  }

  var isDamaged: Bool { seekers.contains(where: \.isDamaged) }

  /// Which spellings hold the document of the last `advance(to:holders:)`.
  private var holding: UInt64 = 0
  /// Whether a spelling the user typed is among them.
  private(set) var holdsTyped = false

  /// Moves every spelling `holders` allows (bit v for spelling v, bit 63 for every spelling
  /// from the 63rd on; all bits set when unknown) to `document`; returns whether any holds it.
  @inline(__always)
  mutating func advance(to document: UInt32, holders: UInt64) -> Bool {
    holding = 0
    holdsTyped = false
    extraHolders.removeAll(keepingCapacity: true)
    for spelling in seekers.indices where holders & TermPostings.bit(spelling) != 0 {
      if seekers[spelling].advance(to: document) {
        holding |= 1 << UInt64(min(spelling, 63))
        holdsTyped = holdsTyped || typed[spelling]
        if spelling >= 63 { extraHolders.append(spelling) }
      }
    }
    return holding != 0
  }

  /// Spellings from the 63rd on that hold the current document (one bit stands for them all).
  private var extraHolders: [Int] = []

  /// Appends, sorted, the positions of every spelling holding the current document.
  @inline(__always)
  mutating func readPositions(into positions: PositionBuffer) {
    var bits = holding & ~(1 << 63)
    var read = 0
    while bits != 0 {
      let spelling = bits.trailingZeroBitCount
      bits &= bits - 1
      if seekers[spelling].readPositions(into: positions) { read += 1 }
    }
    if holding & (1 << 63) != 0 {
      for spelling in extraHolders where seekers[spelling].readPositions(into: positions) { read += 1 }
    }
    if read > 1 { positions.sort() }
  }
}
