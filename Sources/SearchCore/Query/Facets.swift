extension IndexReader {
  /// The terms of a forward field (keys starting with `field`) that occur in most of
  /// `documents`, with their document counts: the facets of a result list ("which decrees do
  /// these reports cite?"). Reads each matching document's forward list, not the postings.
  public func termCounts(field: UInt8, within documents: [[UInt32]], limit: Int) -> [(
    exact: [UInt8], documents: Int
  )] {
    var counts: [[UInt8]: Int] = [:]
    for (index, segment) in segments.enumerated()
    where index < documents.count && !documents[index].isEmpty {
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
    let ranked = counts.sorted {
      $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key)
    }
    return ranked.prefix(limit).map { ($0.key, $0.value) }
  }

  /// Every term of a field with its document count and total frequency (mentions), for a
  /// corpus-wide report such as the citations table.
  ///
  /// - Throws: `.corrupt` when a term's postings fail their checks.
  public func termTotals(foldedPrefix: [UInt8]) throws(IndexError) -> [(
    exact: [UInt8], documents: Int, mentions: Int
  )] {
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

extension IndexReader {
  /// The exact keys of `document`'s terms in the forward fields (global number, as in
  /// `SearchResults.Hit`): what an index stores per document beside its text, such as the
  /// values vitext keeps of a document's metadata. Empty for a number out of range.
  public func forwardKeys(of document: Int) -> [[UInt8]] {
    guard let (segment, local) = locate(document) else { return [] }
    let terms = segment.reader.forwardTerms(of: local)
    var keys: [[UInt8]] = []
    for offset in stride(from: 0, to: terms.count, by: 4) {
      let term = terms.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
      guard Int(term) < segment.reader.termCount else { continue }
      keys.append(Array(segment.reader.keys(Int(term)).exact))
    }
    return keys
  }

  /// One value per document of each segment, read off the postings of the terms whose folded
  /// key starts with `foldedPrefix` (Lucene's "uninverted" field): `value` maps a term's exact
  /// key to the number its documents get; documents with none of those terms get 0. A
  /// document holding several gets the largest. What a sort by a field (a date) reads.
  ///
  /// - Complexity: O(p) for the p postings of those terms, plus the documents of each segment.
  /// - Throws: `.corrupt` when the postings read fail their checks.
  public func documentValues(foldedPrefix: [UInt8], value: ([UInt8]) -> UInt32) throws(IndexError)
    -> [[UInt32]]
  {
    var columns: [[UInt32]] = []
    for segment in segments {
      var column = [UInt32](repeating: 0, count: segment.reader.documentCount)
      let range = foldedPrefix.withUnsafeBytes { segment.reader.terms(folded: $0, prefix: true) }
      for term in range {
        let number = value(Array(segment.reader.keys(term).exact))
        guard number > 0 else { continue }
        var cursor = PostingCursor(try segment.reader.encodedPostings(term))
        while let posting = cursor.next(), Int(posting.document) < column.count {
          column[Int(posting.document)] = max(column[Int(posting.document)], number)
        }
      }
      columns.append(column)
    }
    return columns
  }
}
