extension Execution {
  /// Documents holding every one of `matchers`, scored as the sum of the terms' BM25: what intersecting their `.term` lists gives, without decoding
  /// every list. The rarest term's postings are decoded; the others are probed per candidate
  /// through their skip entries, rarest first, and a candidate drops at the first term it lacks
  /// (the way tantivy intersects).
  mutating func evaluateConjunction(_ matchers: [TermMatcher], segment: Int, averageLength: Float) throws(IndexError) -> DocumentList {
    let reader = self.reader.segments[segment].reader
    let spellingsOfTerms = matchers.map { spellings[$0]![segment] }
    guard let plan = ProbePlan(spellingsOfTerms) else { return DocumentList() }
    let candidates = try decodedPostings(matchers[plan.driver], segment: segment)
    var probed = try SpellingSeekers(terms: plan.others, of: spellingsOfTerms, reader: reader, readsPositions: false)
    let (spellingWeights, spans) = (probed.weights, probed.spans)
    let termWeights = plan.others.map { weights[matchers[$0]]! }
    let driverWeight = weights[matchers[plan.driver]]!
    var list = DocumentList()
    probed.seekers.withUnsafeMutableBufferPointer { seekers in
      candidates: for index in candidates.documents.indices {
        let document = candidates.documents[index]
        let length = reader.documentLength(Int(document))
        var score = driverWeight * bm25.termWeight(frequency: candidates.weightedFrequencies[index], length: length, averageLength: averageLength)
        for term in spans.indices {
          var held = false
          var frequency: Float = 0
          for spelling in spans[term] where seekers[spelling].advance(to: document) {
            held = true
            frequency += spellingWeights[spelling] * Float(seekers[spelling].frequency)
          }
          if !held { continue candidates }
          score += termWeights[term] * bm25.termWeight(frequency: frequency, length: length, averageLength: averageLength)
        }
        list.append(document, score)
      }
    }
    if probed.isDamaged {
      throw IndexError(.corrupt, path: reader.name, "postings of a term are damaged; run `vitext index check`")
    }
    return list
  }
}
