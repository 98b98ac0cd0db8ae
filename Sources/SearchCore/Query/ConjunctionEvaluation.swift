extension Execution {
  /// Documents holding every one of `matchers`, scored as the sum of the terms' BM25 (each
  /// taken `times[i]` times: what intersecting their `.term` lists gives, without decoding
  /// every list. The rarest term's postings are decoded; the others are probed per candidate
  /// through their skip entries, rarest first, and a candidate drops at the first term it lacks
  /// (the way tantivy intersects).
  ///
  /// A term of many spellings (a prefix: `c*` stands for some 2,000 dictionary terms on the gov
  /// corpus) would advance every spelling's seeker at every candidate, 2,000 probes a document.
  /// When that costs more than decoding its postings, its lists are decoded once into their
  /// union and merged with the candidates instead: `c* t*` costs the two prefixes' postings,
  /// not candidates × spellings (issue 21: 1.0 s, and 90 s for 63 × `c*`, before).
  mutating func evaluateConjunction(
    _ matchers: [TermMatcher], times: [Int], segment: Int, averageLength: Float
  ) throws(IndexError) -> DocumentList {
    let reader = self.reader.segments[segment].reader
    let spellingsOfTerms = matchers.map { spellings[$0]![segment] }
    guard let plan = ProbePlan(spellingsOfTerms) else { return DocumentList() }
    let candidates = try decodedPostings(matchers[plan.driver], segment: segment)
    let termWeights = matchers.indices.map { weights[matchers[$0]]! * Float(times[$0]) }
    // Each candidate's score so far and whether it is still in the running.
    var survivors = [Int32](0..<Int32(candidates.documents.count))
    var scores = candidates.documents.indices.map { index in
      termWeights[plan.driver]
        * bm25.termWeight(
          frequency: candidates.weightedFrequencies[index],
          length: reader.documentLength(Int(candidates.documents[index])),
          averageLength: averageLength)
    }
    var probedTerms: [Int] = []
    for term in plan.others {
      let spellingCount = spellingsOfTerms[term].count
      guard spellingCount > 1,
        spellingCount * survivors.count >= Self.decodeRatio * plan.frequencies[term]
      else {
        probedTerms.append(term)
        continue
      }
      let decoded = try decodedPostings(matchers[term], segment: segment)
      var kept = 0
      var next = 0
      for survivor in survivors {
        let document = candidates.documents[Int(survivor)]
        while next < decoded.documents.count && decoded.documents[next] < document { next += 1 }
        if next == decoded.documents.count { break }
        guard decoded.documents[next] == document else { continue }
        scores[Int(survivor)] +=
          termWeights[term]
          * bm25.termWeight(
            frequency: decoded.weightedFrequencies[next],
            length: reader.documentLength(Int(document)), averageLength: averageLength)
        survivors[kept] = survivor
        kept += 1
      }
      survivors.removeSubrange(kept...)
      if survivors.isEmpty { return DocumentList() }
    }
    var probed = try SpellingSeekers(
      terms: probedTerms, of: spellingsOfTerms, reader: reader, readsPositions: false)
    let (spellingWeights, spans) = (probed.weights, probed.spans)
    var list = DocumentList()
    var start = 0
    while start < survivors.count {
      let step = survivors[start..<min(start + Self.budgetStep, survivors.count)]
      // At most every probed spelling advanced at every candidate of the step.
      try spend(step.count * probed.seekers.count)
      probed.seekers.withUnsafeMutableBufferPointer { seekers in
        candidates: for survivor in step {
          let document = candidates.documents[Int(survivor)]
          let length = reader.documentLength(Int(document))
          var score = scores[Int(survivor)]
          for rank in spans.indices {
            var held = false
            var frequency: Float = 0
            for spelling in spans[rank] where seekers[spelling].advance(to: document) {
              held = true
              frequency += spellingWeights[spelling] * Float(seekers[spelling].frequency)
            }
            if !held { continue candidates }
            score +=
              termWeights[probedTerms[rank]]
              * bm25.termWeight(frequency: frequency, length: length, averageLength: averageLength)
          }
          list.append(document, score)
        }
      }
      start += step.count
    }
    if probed.isDamaged {
      throw IndexError(.corrupt, path: reader.name, "postings of a term are damaged")
    }
    return list
  }

  /// How many times a many-spelling term's postings the probes of its spellings (spellings
  /// times candidates) must outnumber before the term is decoded and merged instead, as
  /// `guideRatio` decides for phrases.
  static var decodeRatio: Int { 4 }
}
