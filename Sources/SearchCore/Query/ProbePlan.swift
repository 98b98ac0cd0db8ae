/// How a phrase or a conjunction is matched in one segment: the rarest term drives (its
/// postings are decoded; its documents are the candidates), and the others are probed per
/// candidate, rarest first, so a candidate drops at the first term it lacks.
struct ProbePlan {
  /// Per term, the sum of its spellings' document frequencies.
  let frequencies: [Int]
  /// The rarest term.
  let driver: Int
  /// The other terms, rarest first.
  let others: [Int]

  /// Nil when a term is in no document of the segment (nothing can match).
  init?(_ spellingsOfTerms: [[TermPostings.Spelling]]) {
    let frequencies = spellingsOfTerms.map { $0.reduce(0) { $0 + $1.documentFrequency } }
    guard let driver = frequencies.indices.min(by: { frequencies[$0] < frequencies[$1] }),
      frequencies[driver] > 0
    else {
      return nil
    }
    self.frequencies = frequencies
    self.driver = driver
    others = frequencies.indices.sorted { frequencies[$0] < frequencies[$1] }.filter {
      $0 != driver
    }
  }
}

/// A seeker for every spelling of several terms, in one flat array that `spans` cuts per term:
/// walked through one buffer pointer while candidates are checked.
struct SpellingSeekers {
  var seekers: [PositionSeeker] = []
  /// Per seeker: its spelling's share of the score.
  var weights: [Float] = []
  var spans: [Range<Int>] = []

  init(
    terms: [Int], of spellingsOfTerms: [[TermPostings.Spelling]], reader: SegmentReader,
    readsPositions: Bool
  ) throws(IndexError) {
    for term in terms {
      let first = seekers.count
      for spelling in spellingsOfTerms[term] {
        seekers.append(
          try PositionSeeker(reader: reader, term: spelling.term, readsPositions: readsPositions))
        weights.append(spelling.weight)
      }
      spans.append(first..<seekers.count)
    }
  }

  var isDamaged: Bool { seekers.contains(where: \.isDamaged) }
}
