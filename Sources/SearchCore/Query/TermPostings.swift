/// One query term's postings in one segment: the union of every dictionary term it stands for,
/// deleted documents left out.
struct TermPostings {
  /// One dictionary term (one spelling).
  struct Variant {
    var term: Int
    var documents: [UInt32] = []
    var frequencies: [UInt32] = []
    /// The spelling's share of the score (`TermMatcher.spellingWeights`).
    var weight: Float
  }

  var variants: [Variant] = []
  var documents: [UInt32] = []
  var frequencies: [UInt32] = []
  /// Per document, the term frequency BM25 reads: each spelling's frequency times its weight.
  var weightedFrequencies: [Float] = []
  /// Which spellings hold the document: bit v for variant v, bit 63 for any variant from the
  /// 63rd on. Phrase checks read positions only of the spellings a candidate holds.
  var masks: [UInt64] = []

  @inline(__always)
  static func bit(_ variant: Int) -> UInt64 { 1 << UInt64(min(variant, 63)) }

  /// Most dictionary terms one prefix may stand for: a limit on work, reported as an error.
  static let maximumExpansion = 20_000

  /// One dictionary term a query term stands for, found in the dictionary without reading
  /// postings: enough to weigh the term and to plan a phrase around its rarest word.
  struct Spelling {
    var term: Int
    /// Its share of the score (`TermMatcher.spellingWeights`).
    var weight: Float
    /// Documents holding this spelling, deleted ones included (as Lucene counts them).
    var documentFrequency: Int
  }

  /// The spellings `matcher` stands for in `reader`, in dictionary order.
  static func spellings(of matcher: TermMatcher, in reader: SegmentReader) throws(IndexError)
    -> [Spelling]
  {
    var spellings: [Spelling] = []
    let range = matcher.folded.withUnsafeBytes {
      reader.terms(folded: $0, prefix: matcher.isPrefix)
    }
    for term in range {
      let exact = reader.keys(term).exact
      if let wanted = matcher.exact {
        let matches = wanted.withUnsafeBytes { wanted in
          matcher.isPrefix
            ? exact.count >= wanted.count
              && SegmentBuffer.compare(
                UnsafeRawBufferPointer(rebasing: exact[0..<wanted.count]), wanted) == 0
            : SegmentBuffer.compare(exact, wanted) == 0
        }
        if !matches { continue }
      }
      guard spellings.count < Self.maximumExpansion else {
        throw IndexError(
          .invalidRequest, path: "",
          "a prefix matches more than \(Self.maximumExpansion) terms; type more letters")
      }
      spellings.append(
        Spelling(
          term: term, weight: matcher.weight(ofSpelling: exact),
          documentFrequency: reader.documentFrequency(term)))
    }
    return spellings
  }

  /// Decodes the postings of `spellings` and their union, deleted documents left out.
  init(spellings: [Spelling], segment: IndexReader.LiveSegment) throws(IndexError) {
    let reader = segment.reader
    for spelling in spellings {
      let term = spelling.term
      var variant = Variant(term: term, weight: spelling.weight)
      var cursor = PostingCursor(try reader.encodedPostings(term))
      let deletions = segment.deletions
      let hasDeletions = deletions.count > 0
      let capacity = reader.documentFrequency(term)
      // Filled through pointers: postings of common words run to tens of thousands.
      var kept = 0
      variant.documents = [UInt32](unsafeUninitializedCapacity: capacity) {
        documents, documentsCount in
        variant.frequencies = [UInt32](unsafeUninitializedCapacity: capacity) {
          frequencies, frequenciesCount in
          let decoded = cursor.decodeAll(
            into: documents, frequencies, documentCount: reader.documentCount)
          if hasDeletions {
            for index in 0..<decoded where !deletions.contains(Int(documents[index])) {
              documents[kept] = documents[index]
              frequencies[kept] = frequencies[index]
              kept += 1
            }
          } else {
            kept = decoded
          }
          frequenciesCount = kept
        }
        documentsCount = kept
      }
      if cursor.isDamaged {
        throw IndexError(.corrupt, path: reader.name, "postings of a term are damaged")
      }
      variants.append(variant)
    }
    if variants.count > 2
      && variants.reduce(0, { $0 + $1.documents.count }) > reader.documentCount / 16
    {
      accumulateVariants(documentCount: reader.documentCount)
    } else {
      mergeVariants()
    }
  }

  /// Unions many or long lists through per-document counters: one pass over the postings and
  /// one over the segment's documents, instead of log k merge rounds.
  private mutating func accumulateVariants(documentCount: Int) {
    var counts = [UInt32](repeating: 0, count: documentCount)
    var weighted = [Float](repeating: 0, count: documentCount)
    var holders = [UInt64](repeating: 0, count: documentCount)
    counts.withUnsafeMutableBufferPointer { counts in
      weighted.withUnsafeMutableBufferPointer { weighted in
        holders.withUnsafeMutableBufferPointer { holders in
          for (number, variant) in variants.enumerated() {
            let bit = Self.bit(number)
            for index in variant.documents.indices {
              let document = Int(variant.documents[index])
              counts[document] += variant.frequencies[index]
              holders[document] |= bit
              weighted[document] += variant.weight * Float(variant.frequencies[index])
            }
          }
        }
      }
    }
    for document in 0..<documentCount where counts[document] != 0 {
      documents.append(UInt32(document))
      frequencies.append(counts[document])
      weightedFrequencies.append(weighted[document])
      masks.append(holders[document])
    }
  }

  /// Unions the variants' lists, pairwise in rounds so k lists cost n log k.
  private mutating func mergeVariants() {
    var lists: [Merged] = variants.enumerated().map { number, variant in
      Merged(
        documents: variant.documents, frequencies: variant.frequencies,
        weighted: variant.frequencies.map { variant.weight * Float($0) },
        masks: Array(repeating: Self.bit(number), count: variant.documents.count))
    }
    if lists.isEmpty { return }
    while lists.count > 1 {
      var next: [Merged] = []
      var index = 0
      while index + 1 < lists.count {
        next.append(Self.union(lists[index], lists[index + 1]))
        index += 2
      }
      if index < lists.count { next.append(lists[index]) }
      lists = next
    }
    (documents, frequencies, weightedFrequencies, masks) = (
      lists[0].documents, lists[0].frequencies, lists[0].weighted, lists[0].masks
    )
  }

  private struct Merged {
    var documents: [UInt32]
    var frequencies: [UInt32]
    var weighted: [Float]
    var masks: [UInt64]
  }

  private static func union(_ a: Merged, _ b: Merged) -> Merged {
    var result = Merged(documents: [], frequencies: [], weighted: [], masks: [])
    let capacity = a.documents.count + b.documents.count
    result.documents.reserveCapacity(capacity)
    result.frequencies.reserveCapacity(capacity)
    result.weighted.reserveCapacity(capacity)
    result.masks.reserveCapacity(capacity)
    func take(_ list: Merged, _ index: Int) {
      result.documents.append(list.documents[index])
      result.frequencies.append(list.frequencies[index])
      result.weighted.append(list.weighted[index])
      result.masks.append(list.masks[index])
    }
    var i = 0
    var j = 0
    while i < a.documents.count || j < b.documents.count {
      if j == b.documents.count || (i < a.documents.count && a.documents[i] < b.documents[j]) {
        take(a, i)
        i += 1
      } else if i == a.documents.count || b.documents[j] < a.documents[i] {
        take(b, j)
        j += 1
      } else {
        result.documents.append(a.documents[i])
        result.frequencies.append(a.frequencies[i] + b.frequencies[j])
        result.weighted.append(a.weighted[i] + b.weighted[j])
        result.masks.append(a.masks[i] | b.masks[j])
        i += 1
        j += 1
      }
    }
    return result
  }
}
