/// Matching documents of one segment in document order, each with its score so far.
struct DocumentList {
  var documents: [UInt32] = []
  var scores: [Float] = []

  var count: Int { documents.count }

  mutating func append(_ document: UInt32, _ score: Float) {
    documents.append(document)
    scores.append(score)
  }

  /// Multiplies every score by `factor` (a clause the query repeats counts that many times).
  mutating func scale(by factor: Float) {
    for index in scores.indices { scores[index] *= factor }
  }

  /// Documents in both; scores add (or, with `scoring` false, keep `self`'s).
  func intersection(_ other: DocumentList, scoring: Bool = true) -> DocumentList {
    merged(with: other, keepingEither: false, adding: scoring)
  }

  /// Documents in either; scores add where both match.
  func union(_ other: DocumentList) -> DocumentList {
    merged(with: other, keepingEither: true, adding: true)
  }

  /// The walk of both lists in document order that intersection and union are: a document in
  /// both is kept with scores added (or `self`'s alone), one in either list alone only
  /// when `keepingEither`.
  @inline(__always)
  private func merged(with other: DocumentList, keepingEither: Bool, adding: Bool) -> DocumentList {
    DocumentList.build(capacity: keepingEither ? count + other.count : min(count, other.count)) {
      output in
      var i = 0
      var j = 0
      while i < documents.count && j < other.documents.count {
        let a = documents[i]
        let b = other.documents[j]
        if a < b {
          if keepingEither { output.append(a, scores[i]) }
          i += 1
        } else if b < a {
          if keepingEither { output.append(b, other.scores[j]) }
          j += 1
        } else {
          output.append(a, adding ? scores[i] + other.scores[j] : scores[i])
          i += 1
          j += 1
        }
      }
      guard keepingEither else { return }
      for rest in i..<documents.count { output.append(documents[rest], scores[rest]) }
      for rest in j..<other.documents.count {
        output.append(other.documents[rest], other.scores[rest])
      }
    }
  }

  /// Documents of `self` not in `other`.
  func subtracting(_ other: DocumentList) -> DocumentList {
    DocumentList.build(capacity: count) { output in
      var j = 0
      for i in documents.indices {
        let document = documents[i]
        while j < other.documents.count && other.documents[j] < document { j += 1 }
        if j < other.documents.count && other.documents[j] == document { continue }
        output.append(document, scores[i])
      }
    }
  }

  /// Where `build` writes: two buffers filled through pointers, so a merge of long lists
  /// pays no per-element uniqueness or capacity check.
  struct Output: ~Copyable {
    let documents: UnsafeMutablePointer<UInt32>
    let scores: UnsafeMutablePointer<Float>
    var count = 0

    @inline(__always)
    mutating func append(_ document: UInt32, _ score: Float) {
      documents[count] = document
      scores[count] = score
      count += 1
    }
  }

  /// A list of at most `capacity` entries, written by `fill`.
  static func build(capacity: Int, _ fill: (inout Output) -> Void) -> DocumentList {
    var list = DocumentList()
    var written = 0
    list.documents = [UInt32](unsafeUninitializedCapacity: capacity) { documents, documentsCount in
      list.scores = [Float](unsafeUninitializedCapacity: capacity) { scores, scoresCount in
        if capacity > 0 {
          var output = Output(documents: documents.baseAddress!, scores: scores.baseAddress!)
          fill(&output)
          written = output.count
        }
        scoresCount = written
      }
      documentsCount = written
    }
    return list
  }
}

/// Keeps the best `capacity` hits seen, in a binary min-heap: O(n log k) for n matches.
struct TopCollector {
  struct Candidate {
    var score: Float
    var document: Int
    /// Orders before the score when the caller sorts by a per-document value (a date); 0 for
    /// every candidate when ranking by score alone.
    var sortKey: UInt32 = 0

    /// Whether `self` ranks below `other`: a lower sort key, or the same key and a lower score,
    /// or the same score and a later document. Ranked by score alone (every key 0), a list
    /// never shows a lower score above a higher one.
    @inline(__always)
    func ranksBelow(_ other: Candidate) -> Bool {
      if sortKey != other.sortKey { return sortKey < other.sortKey }
      if score != other.score { return score < other.score }
      return document > other.document
    }
  }

  let capacity: Int
  private(set) var heap: [Candidate] = []

  init(capacity: Int) {
    self.capacity = capacity
    heap.reserveCapacity(min(capacity, 1 << 16))
  }

  /// Keeps `candidate` if it ranks among the best `capacity` seen. Inlined into the caller's
  /// loop: most documents of a long list rank below the kept ones and are turned away by the one
  /// comparison here, without a call.
  @inline(__always)
  mutating func offer(_ candidate: Candidate) {
    guard capacity > 0 else { return }
    if heap.count < capacity {
      push(candidate)
    } else if heap[0].ranksBelow(candidate) {
      replaceLowest(with: candidate)
    }
  }

  private mutating func push(_ candidate: Candidate) {
    heap.append(candidate)
    var child = heap.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[child].ranksBelow(heap[parent]) else { break }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  private mutating func replaceLowest(with candidate: Candidate) {
    heap[0] = candidate
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var lowest = parent
      if left < heap.count && heap[left].ranksBelow(heap[lowest]) { lowest = left }
      if right < heap.count && heap[right].ranksBelow(heap[lowest]) { lowest = right }
      if lowest == parent { break }
      heap.swapAt(parent, lowest)
      parent = lowest
    }
  }

  /// The kept hits, best first.
  func sorted() -> [Candidate] { heap.sorted { $1.ranksBelow($0) } }
}
