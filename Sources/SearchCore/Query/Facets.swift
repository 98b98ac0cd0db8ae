extension IndexReader {
  /// The terms of a forward field (keys starting with `field`) that occur in most of
  /// `documents`, with their document counts: the facets of a result list ("which decrees do
  /// these reports cite?"). Reads each matching document's forward list, not the postings.
  public func termCounts(field: UInt8, within documents: [[UInt32]], limit: Int) -> [(exact: [UInt8], documents: Int)] {
    var counts: [[UInt8]: Int] = [:]
    for (index, segment) in segments.enumerated() where index < documents.count && !documents[index].isEmpty {
      var perTerm: [UInt32: Int] = [:]
      for document in documents[index] where Int(document) < segment.reader.documentCount {
        let terms = segment.reader.forwardTerms(of: Int(document))
        for offset in stride(from: 0, to: terms.count, by: 4) {
          let term = terms.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
          guard Int(term) < segment.reader.termCount else { continue }
          perTerm[term, default: 0] += 1
        }
      }
      for (term, count) in perTerm {
        let key = segment.reader.keys(Int(term)).exact
        guard key.first == field else { continue }
        counts[Array(key), default: 0] += count
      }
    }
    let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key) }
    return ranked.prefix(limit).map { ($0.key, $0.value) }
  }

  /// Every term of a field with its document count and total frequency (mentions), for a
  /// corpus-wide report such as the citations table.
  ///
  /// - Throws: `.corrupt` when a term's postings fail their checks.
  public func termTotals(foldedPrefix: [UInt8]) throws(IndexError) -> [(exact: [UInt8], documents: Int, mentions: Int)] {
    var totals: [[UInt8]: (Int, Int)] = [:]
    for segment in segments {
      let range = foldedPrefix.withUnsafeBytes { segment.reader.terms(folded: $0, prefix: true) }
      for term in range {
        var cursor = PostingCursor(try segment.reader.encodedPostings(term))
        var documents = 0
        var mentions = 0
        while let posting = cursor.next(), Int(posting.document) < segment.reader.documentCount {
          if segment.deletions.contains(Int(posting.document)) { continue }
          documents += 1
          mentions += Int(posting.frequency)
        }
        if documents > 0 {
          let key = Array(segment.reader.keys(term).exact)
          let previous = totals[key] ?? (0, 0)
          totals[key] = (previous.0 + documents, previous.1 + mentions)
        }
      }
    }
    return totals.map { ($0.key, $0.value.0, $0.value.1) }
  }
}
