/// One query term's postings in one segment: the union of every dictionary term it stands for,
/// deleted documents left out.
struct TermPostings {
  /// One dictionary term (one spelling).
  struct Variant {
    var term: Int
    var documents: [UInt32] = []
    var frequencies: [UInt32] = []
    var isTyped: Bool
  }

  var variants: [Variant] = []
  var documents: [UInt32] = []
  var frequencies: [UInt32] = []
  /// Whether the document contains the typed spelling.
  var typed: [Bool] = []

  /// Most dictionary terms one prefix may stand for: a limit on work, reported as an error.
  static let maximumExpansion = 20_000

  init(matcher: TermMatcher, segment: IndexReader.LiveSegment) throws(IndexError) {
    let reader = segment.reader
    let range = matcher.folded.withUnsafeBytes { reader.terms(folded: $0, prefix: matcher.isPrefix) }
    for term in range {
      let exact = reader.keys(term).exact
      if let wanted = matcher.exact {
        let matches = wanted.withUnsafeBytes { wanted in
          matcher.isPrefix
            ? exact.count >= wanted.count && SegmentBuffer.compare(UnsafeRawBufferPointer(rebasing: exact[0..<wanted.count]), wanted) == 0
            : SegmentBuffer.compare(exact, wanted) == 0
        }
        if !matches { continue }
      }
      guard variants.count < Self.maximumExpansion else {
        throw IndexError(.invalidRequest, path: "", "a prefix matches more than \(Self.maximumExpansion) terms; type more letters")
      }
      let isTyped = matcher.typed.map { typed in typed.withUnsafeBytes { SegmentBuffer.compare(exact, $0) == 0 } } ?? false
      var variant = Variant(term: term, isTyped: isTyped)
      guard let encoded = reader.encodedPostings(term) else {
        throw IndexError(.corrupt, path: reader.name, "term \(term) has damaged offsets; run `vitext index check`")
      }
      var cursor = PostingCursor(encoded.postings, encoded.positions)
      let deletions = segment.deletions
      let hasDeletions = deletions.count > 0
      let capacity = reader.documentFrequency(term)
      // Filled through pointers: postings of common words run to tens of thousands.
      var kept = 0
      variant.documents = [UInt32](unsafeUninitializedCapacity: capacity) { documents, documentsCount in
        variant.frequencies = [UInt32](unsafeUninitializedCapacity: capacity) { frequencies, frequenciesCount in
          while kept < capacity, let posting = cursor.next() {
            guard Int(posting.document) < reader.documentCount else { cursor.isDamaged = true; break }
            if hasDeletions && deletions.contains(Int(posting.document)) { continue }
            documents[kept] = posting.document
            frequencies[kept] = posting.frequency
            kept += 1
          }
          frequenciesCount = kept
        }
        documentsCount = kept
      }
      if cursor.postingsOffset < cursor.postings.count && kept == capacity && !hasDeletions { cursor.isDamaged = true }
      if cursor.isDamaged {
        throw IndexError(.corrupt, path: reader.name, "postings of a term are damaged; run `vitext index check`")
      }
      variants.append(variant)
    }
    if variants.count > 2 && variants.reduce(0, { $0 + $1.documents.count }) > reader.documentCount / 16 {
      accumulateVariants(documentCount: reader.documentCount)
    } else {
      mergeVariants()
    }
  }

  /// Unions many or long lists through per-document counters: one pass over the postings and
  /// one over the segment's documents, instead of log k merge rounds.
  private mutating func accumulateVariants(documentCount: Int) {
    var counts = [UInt32](repeating: 0, count: documentCount)
    var typedFlags = [Bool](repeating: false, count: documentCount)
    counts.withUnsafeMutableBufferPointer { counts in
      typedFlags.withUnsafeMutableBufferPointer { typedFlags in
        for variant in variants {
          for index in variant.documents.indices {
            let document = Int(variant.documents[index])
            counts[document] += variant.frequencies[index]
            if variant.isTyped { typedFlags[document] = true }
          }
        }
      }
    }
    for document in 0..<documentCount where counts[document] != 0 {
      documents.append(UInt32(document))
      frequencies.append(counts[document])
      typed.append(typedFlags[document])
    }
  }

  /// Unions the variants' lists, pairwise in rounds so k lists cost n log k.
  private mutating func mergeVariants() {
    var lists: [(documents: [UInt32], frequencies: [UInt32], typed: [Bool])] = variants.map {
      ($0.documents, $0.frequencies, Array(repeating: $0.isTyped, count: $0.documents.count))
    }
    if lists.isEmpty { return }
    while lists.count > 1 {
      var next: [(documents: [UInt32], frequencies: [UInt32], typed: [Bool])] = []
      var index = 0
      while index + 1 < lists.count {
        next.append(Self.union(lists[index], lists[index + 1]))
        index += 2
      }
      if index < lists.count { next.append(lists[index]) }
      lists = next
    }
    (documents, frequencies, typed) = lists[0]
  }

  private static func union(
    _ a: (documents: [UInt32], frequencies: [UInt32], typed: [Bool]),
    _ b: (documents: [UInt32], frequencies: [UInt32], typed: [Bool])
  ) -> (documents: [UInt32], frequencies: [UInt32], typed: [Bool]) {
    var documents: [UInt32] = []
    var frequencies: [UInt32] = []
    var typed: [Bool] = []
    documents.reserveCapacity(a.documents.count + b.documents.count)
    frequencies.reserveCapacity(a.documents.count + b.documents.count)
    typed.reserveCapacity(a.documents.count + b.documents.count)
    var i = 0
    var j = 0
    while i < a.documents.count || j < b.documents.count {
      if j == b.documents.count || (i < a.documents.count && a.documents[i] < b.documents[j]) {
        documents.append(a.documents[i]); frequencies.append(a.frequencies[i]); typed.append(a.typed[i]); i += 1
      } else if i == a.documents.count || b.documents[j] < a.documents[i] {
        documents.append(b.documents[j]); frequencies.append(b.frequencies[j]); typed.append(b.typed[j]); j += 1
      } else {
        documents.append(a.documents[i])
        frequencies.append(a.frequencies[i] + b.frequencies[j])
        typed.append(a.typed[i] || b.typed[j])
        i += 1
        j += 1
      }
    }
    return (documents, frequencies, typed)
  }

  static func find(_ document: UInt32, in documents: [UInt32]) -> Int? {
    var low = 0
    var high = documents.count
    while low < high {
      let middle = (low + high) / 2
      if documents[middle] < document { low = middle + 1 } else { high = middle }
    }
    return low < documents.count && documents[low] == document ? low : nil
  }
}
