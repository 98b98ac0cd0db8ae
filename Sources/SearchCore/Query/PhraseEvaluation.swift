extension Execution {
  /// Documents holding the terms at consecutive positions; BM25 with the phrase's frequency
  /// and the sum of its terms' IDFs (Lucene's phrase weight).
  ///
  /// Only the rarest term's postings are decoded: its documents are the candidates. Every other
  /// term is probed per candidate through its skip entries, rarest first, and a candidate is
  /// dropped at the first term it lacks or whose positions do not line up. Common syllables
  /// ("và", "nhân", "dân") are so read only in the blocks that hold candidates, and their
  /// positions only for documents still in the running.
  mutating func evaluatePhrase(_ matchers: [TermMatcher], segment: Int, averageLength: Float)
    throws(IndexError) -> DocumentList
  {
    let reader = self.reader.segments[segment].reader
    let spellingsOfTerms = matchers.map { spellings[$0]![segment] }
    guard let plan = ProbePlan(spellingsOfTerms) else { return DocumentList() }
    let (frequencies, driver, order) = (plan.frequencies, plan.driver, plan.others)
    let candidates = try decodedPostings(matchers[driver], segment: segment)
    // Candidates (indices into the driver's list) narrowed at the document level first by the
    // terms whose lists are short beside them: decoding and merging such a list costs less than
    // probing it once per candidate.
    var survivors = [Int32](0..<Int32(candidates.documents.count))
    for index in order where frequencies[index] <= Self.mergeRatio * survivors.count {
      let term = try decodedPostings(matchers[index], segment: segment)
      survivors = Self.keep(survivors, of: candidates.documents, in: term.documents)
      if survivors.isEmpty { return DocumentList() }
    }
    // The driver's spellings first, then the other terms' in probing order.
    var probed = try SpellingSeekers(
      terms: [driver] + order, of: spellingsOfTerms, reader: reader, readsPositions: true)
    let spans = probed.spans
    let offsets = ([driver] + order).map { UInt32($0) }
    // A term of many spellings ("doi" typed without diacritics: đối, đổi, đội, dõi … twenty-one
    // lists) would advance every spelling's seeker at every candidate. When that costs more than
    // decoding its lists, they are decoded into a guide that says per document which spellings
    // hold it, and a candidate advances only those.
    // The table holds a mask for every document of the segment, so it is built only where it is
    // not much larger than the term's postings (a rare term in a huge segment is probed instead).
    let guides: [SpellingGuide?] = try ([driver] + order).enumerated().map {
      (rank, term) throws(IndexError) in
      let spellingCount = spellingsOfTerms[term].count
      guard rank > 0, spellingCount > 1,
        spellingCount * survivors.count >= Self.guideRatio * frequencies[term],
        frequencies[term] * 16 >= reader.documentCount
      else { return nil }
      try spend(frequencies[term])
      return try SpellingGuide(spellings: spellingsOfTerms[term], reader: reader)
    }
    // Terms in most documents ("so" typed without diacritics is in nearly all) drop almost no
    // candidate by their presence: they are probed only when the rarer terms' positions have
    // already lined up, which few candidates reach, unless a guide makes presence one load.
    let documentCount = reader.documentCount
    let presenceChecked = ([driver] + order).enumerated().map { rank, term in
      guides[rank] != nil || frequencies[term] * 2 < documentCount
    }
    let weight = matchers.reduce(Float(0)) { $0 + weights[$1]! }
    var list = DocumentList()
    let starts = PositionBuffer()
    // What one candidate may cost at most: every spelling of a term without a guide advanced,
    // one look-up for a term with one. Charged a step of candidates at a time.
    let probesPerCandidate = spans.indices.reduce(0) {
      $0 + (guides[$1] != nil ? 1 : spans[$1].count)
    }
    var stepStart = 0
    if spans.allSatisfy({ $0.count == 1 }) {
      // Every word has one spelling (typed with its marks, as most phrases are): one seeker a
      // word, nothing to list or mark. The general loop below costs a tenth more per candidate.
      while stepStart < survivors.count {
        let step = survivors[stepStart..<min(stepStart + Self.budgetStep, survivors.count)]
        stepStart += step.count
        try spend(step.count * probesPerCandidate)
        probed.seekers.withUnsafeMutableBufferPointer { seekers in
          candidates: for survivor in step {
            let document = candidates.documents[Int(survivor)]
            for term in 1..<seekers.count where presenceChecked[term] {
              if !seekers[term].advance(to: document) { continue candidates }
            }
            starts.removeAll()
            guard seekers[0].advance(to: document), seekers[0].readPositions(into: starts) else {
              continue candidates
            }
            Self.shift(starts, back: offsets[0])
            for term in 1..<seekers.count {
              if !presenceChecked[term] && !seekers[term].advance(to: document) {
                continue candidates
              }
              if !seekers[term].keepStarts(starts, followedAt: offsets[term]) || starts.isEmpty {
                continue candidates
              }
            }
            let score =
              weight
              * bm25.termWeight(
                frequency: UInt32(starts.count), length: reader.documentLength(Int(document)),
                averageLength: averageLength)
            list.append(document, score)
          }
        }
      }
      if probed.isDamaged {
        throw IndexError(.corrupt, path: reader.name, "positions of a term are damaged")
      }
      return list
    }
    // A mark per start, set by any spelling that continues it.
    let marks = PositionBuffer()
    // Per term, the spellings holding the current candidate, listed in the term's own stretch of
    // `held` (its span): the loops over a candidate's spellings visit only those, where "doi"
    // typed without diacritics has twenty-one.
    var held = [Int32](repeating: 0, count: probed.seekers.count)
    var heldCounts = [Int](repeating: 0, count: spans.count)
    // Per term, a mask (bits as `TermPostings.bit`) of every spelling, for terms without a guide.
    let everySpelling = spans.map { span in
      span.count >= 64 ? UInt64.max : (1 << UInt64(span.count)) - 1
    }
    while stepStart < survivors.count {
      let step = survivors[stepStart..<min(stepStart + Self.budgetStep, survivors.count)]
      stepStart += step.count
      try spend(step.count * probesPerCandidate)
      probed.seekers.withUnsafeMutableBufferPointer { seekers in
        held.withUnsafeMutableBufferPointer { held in
          heldCounts.withUnsafeMutableBufferPointer { heldCounts in
            candidates: for survivor in step {
              let index = Int(survivor)
              let document = candidates.documents[index]
              /// Advances the spellings of `term` that `mask` names to the document and lists those
              /// holding it; whether one does.
              func collect(_ term: Int, mask: UInt64) -> Bool {
                let span = spans[term]
                if span.count == 1 {
                  // One spelling (a syllable typed with its marks): no mask to walk.
                  let holds = mask != 0 && seekers[span.lowerBound].advance(to: document)
                  held[span.lowerBound] = Int32(span.lowerBound)
                  heldCounts[term] = holds ? 1 : 0
                  return holds
                }
                var count = 0
                var bits = mask
                while bits != 0 {
                  let bit = bits.trailingZeroBitCount
                  bits &= bits &- 1
                  // Bit 63 stands for every spelling from the 63rd on.
                  let named =
                    bit < 63
                    ? (span.lowerBound + bit)..<(span.lowerBound + bit + 1)
                    : (span.lowerBound + 63)..<span.upperBound
                  for spelling in named
                  where spelling < span.upperBound && seekers[spelling].advance(to: document) {
                    held[span.lowerBound + count] = Int32(spelling)
                    count += 1
                  }
                }
                heldCounts[term] = count
                return count > 0
              }
              /// Advances `term`'s spellings to the document (only those its guide names, if it
              /// has one); whether one holds it.
              func probe(_ term: Int) -> Bool {
                collect(term, mask: guides[term]?.mask(of: document) ?? everySpelling[term])
              }
              // Whether every other term is there, rarest first, before any position is read.
              for term in 1..<spans.count where presenceChecked[term] {
                if !probe(term) { continue candidates }
              }
              // The driver's union says which of its spellings hold the document.
              _ = collect(0, mask: candidates.masks[index])
              for term in spans.indices {
                if term > 0 && !presenceChecked[term] && !probe(term) { continue candidates }
                let first = spans[term].lowerBound
                let holding = UnsafeMutableBufferPointer(
                  rebasing: held[first..<(first + heldCounts[term])])
                if term > 0 {
                  if holding.count == 1 {
                    // One spelling (any exact word): check the starts against its positions as they
                    // are decoded, and stop when none is left.
                    if !seekers[Int(holding[0])].keepStarts(starts, followedAt: offsets[term])
                      || starts.isEmpty
                    {
                      continue candidates
                    }
                    continue
                  }
                }
                if term == 0 {
                  // A phrase starts `offsets[0]` before each occurrence of the driver: its positions
                  // are read straight into the starts and shifted there.
                  starts.removeAll()
                  var read = 0
                  for spelling in holding where seekers[Int(spelling)].readPositions(into: starts) {
                    read += 1
                  }
                  if read > 1 { starts.sort() }
                  Self.shift(starts, back: offsets[0])
                } else {
                  // Several spellings hold the document: each marks the starts it continues, decoding
                  // only up to the last start, and the marked ones are kept.
                  let marked = Self.clearedMarks(marks, count: starts.count)
                  for spelling in holding {
                    _ = seekers[Int(spelling)].markStarts(
                      starts, followedAt: offsets[term], marks: marked)
                  }
                  Self.keepMarked(starts, marks: marked)
                }
                if starts.isEmpty { continue candidates }
              }
              let score =
                weight
                * bm25.termWeight(
                  frequency: UInt32(starts.count), length: reader.documentLength(Int(document)),
                  averageLength: averageLength)
              list.append(document, score)
            }
          }
        }
      }
    }
    if probed.isDamaged {
      throw IndexError(.corrupt, path: reader.name, "positions of a term are damaged")
    }
    return list
  }

  /// How much longer than the candidate list a term's list may be and still be merged with it
  /// rather than probed per candidate. Measured on the gov corpus's 50 benchmark queries
  /// (ratios 0, 1, 2, 4, 16, 64 against each other): probing wins unless the list is about as
  /// short as the candidates; 16 made the slowest queries 1.5x slower than 1.
  static var mergeRatio: Int { 1 }

  /// How many times a many-spelling term's postings the advances of its seekers (spellings
  /// times candidates) must outnumber before the term is decoded into a guide. Measured on the
  /// gov corpus's 50 benchmark queries against 1, 2, 3 and never: 4 took 10–15 % off the two
  /// slowest ("chuyen doi so", "dang vien") and left the rest as they were; 1 and 2 made the
  /// slowest slower, 3 traded "tham nhung" faster for "bo chinh tri" slower.
  static var guideRatio: Int { 4 }

  /// Moves the driver's positions back by its offset in the phrase, to where the phrase would
  /// start; those too near the text's start to begin it are dropped.
  private static func shift(_ starts: PositionBuffer, back offset: UInt32) {
    guard offset > 0 else { return }
    let found = starts.elements
    var written = 0
    for position in found where position >= offset {
      found[written] = position - offset
      written += 1
    }
    starts.truncate(to: written)
  }

  /// The survivors whose document is also in `documents` (both in document order).
  /// The phrase's matches among `window` (a few sorted documents: another query's best
  /// matches, which the phrase rescores), scored as `evaluatePhrase` scores them.
  ///
  /// Every term, the first included, is probed per document through its skip entries: for a
  /// hundred documents that costs far less than decoding the rarest term's postings, which is
  /// how `evaluatePhrase` finds its candidates among all the segment's documents.
  mutating func evaluatePhrase(
    _ matchers: [TermMatcher], segment: Int, averageLength: Float, window: [UInt32]
  ) throws(IndexError) -> DocumentList {
    let reader = self.reader.segments[segment].reader
    let spellingsOfTerms = matchers.map { spellings[$0]![segment] }
    guard !window.isEmpty, !matchers.isEmpty, spellingsOfTerms.allSatisfy({ !$0.isEmpty }) else {
      return DocumentList()
    }
    var probed = try SpellingSeekers(
      terms: Array(matchers.indices), of: spellingsOfTerms, reader: reader, readsPositions: true)
    try spend(window.count * probed.seekers.count)
    let spans = probed.spans
    let weight = matchers.reduce(Float(0)) { $0 + weights[$1]! }
    let starts = PositionBuffer()
    let marks = PositionBuffer()
    var list = DocumentList()
    probed.seekers.withUnsafeMutableBufferPointer { seekers in
      candidates: for document in window {
        // The first word's positions are the phrase's starts.
        starts.removeAll()
        var read = 0
        for spelling in spans[0]
        where seekers[spelling].advance(to: document)
          && seekers[spelling].readPositions(into: starts)
        {
          read += 1
        }
        if read == 0 { continue }
        if read > 1 { starts.sort() }
        for term in 1..<spans.count {
          let holding = spans[term].filter { seekers[$0].advance(to: document) }
          if holding.isEmpty { continue candidates }
          if holding.count == 1 {
            if !seekers[holding[0]].keepStarts(starts, followedAt: UInt32(term)) || starts.isEmpty {
              continue candidates
            }
            continue
          }
          // Several spellings hold the document: each marks the starts it continues.
          let marked = Self.clearedMarks(marks, count: starts.count)
          for spelling in holding {
            _ = seekers[spelling].markStarts(starts, followedAt: UInt32(term), marks: marked)
          }
          Self.keepMarked(starts, marks: marked)
          if starts.isEmpty { continue candidates }
        }
        let score =
          weight
          * bm25.termWeight(
            frequency: UInt32(starts.count), length: reader.documentLength(Int(document)),
            averageLength: averageLength)
        list.append(document, score)
      }
    }
    if probed.isDamaged {
      throw IndexError(.corrupt, path: reader.name, "positions of a term are damaged")
    }
    return list
  }

  /// `count` zeroed marks in `marks`, one per phrase start, for spellings to set.
  @inline(__always)
  private static func clearedMarks(_ marks: PositionBuffer, count: Int) -> UnsafeMutablePointer<
    UInt32
  > {
    marks.removeAll()
    let marked = marks.reserve(count)
    marked.initialize(repeating: 0, count: count)
    marks.commit(count)
    return marked
  }

  /// Keeps the starts whose mark some spelling set, in order.
  @inline(__always)
  private static func keepMarked(
    _ starts: PositionBuffer, marks marked: UnsafeMutablePointer<UInt32>
  ) {
    let kept = starts.elements
    var written = 0
    for index in kept.indices where marked[index] != 0 {
      kept[written] = kept[index]
      written += 1
    }
    starts.truncate(to: written)
  }

  private static func keep(_ survivors: [Int32], of candidates: [UInt32], in documents: [UInt32])
    -> [Int32]
  {
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
}

/// Which spellings of a many-spelling term hold each document of a segment: one mask a
/// document (bits as `TermPostings.bit`), filled from the spellings' postings in one pass each,
/// so a candidate's lookup is one load, however far it lies from the previous one.
struct SpellingGuide {
  private var masks: [UInt64]

  init(spellings: [TermPostings.Spelling], reader: SegmentReader) throws(IndexError) {
    let documentCount = reader.documentCount
    masks = [UInt64](repeating: 0, count: documentCount)
    let capacity = spellings.reduce(0) { max($0, $1.documentFrequency) }
    var documents = [UInt32](repeating: 0, count: capacity)
    var frequencies = [UInt32](repeating: 0, count: capacity)
    var damaged = false
    var failure: IndexError?
    masks.withUnsafeMutableBufferPointer { masks in
      documents.withUnsafeMutableBufferPointer { documents in
        frequencies.withUnsafeMutableBufferPointer { frequencies in
          for (variant, spelling) in spellings.enumerated() {
            let encoded: EncodedPostings
            do throws(IndexError) { encoded = try reader.encodedPostings(spelling.term) } catch {
              failure = error
              return
            }
            var cursor = PostingCursor(encoded)
            let count = spelling.documentFrequency
            let decoded = cursor.decodeAll(
              into: UnsafeMutableBufferPointer(rebasing: documents[..<count]),
              UnsafeMutableBufferPointer(rebasing: frequencies[..<count]),
              documentCount: documentCount)
            if cursor.isDamaged {
              damaged = true
              return
            }
            let bit = TermPostings.bit(variant)
            for index in 0..<decoded { masks[Int(documents[index])] |= bit }
          }
        }
      }
    }
    if let failure { throw failure }
    if damaged {
      throw IndexError(.corrupt, path: reader.name, "postings of a term are damaged")
    }
  }

  /// The spellings holding `document`; zero when none does.
  @inline(__always)
  func mask(of document: UInt32) -> UInt64 {
    masks.withUnsafeBufferPointer { $0[Int(document)] }
  }
}
