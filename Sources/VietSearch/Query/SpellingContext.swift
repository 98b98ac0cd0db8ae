import SearchCore
import VietSegmentation
import VietText

/// Which spellings a query typed without diacritics most likely means, read from the words of
/// the language: in "chuyen doi so", "chuyen doi" can only be the word "chuyển đổi", so among the
/// twenty-one spellings of "doi" (đối, đổi, đội, đời …) the query means "đổi".
///
/// Matching never depends on it: every spelling still matches a syllable typed without marks.
/// Ranking does: spellings that some word of the query's context explains count fully, the
/// others at `otherSpellingsWeight` (measured on the known-item dev sets, Benchmarks/README.md),
/// so an unaccented query ranks close to how its accented form would. The same words say where a
/// query's syllables form a word, which the query then also looks for as a phrase.
///
/// The words are the segmenter's shipped word lists (RDRsegmenter's VnVocab and pyvi's words,
/// 65,000 entries), keyed once per process as the index keys syllables.
struct SpellingContext: Sendable {
  /// Every word's syllables, one after another: per word a syllable count, then per syllable a
  /// length byte and its exact key (field byte first). One buffer, so loading 65,000 words
  /// allocates nothing per word (the lists load in about 40 ms, once per process).
  private var storage: [UInt8] = []
  /// Per word, where it starts in `storage`.
  private var offsets: [UInt32] = []
  /// Hash of a word's folded syllables → the last word with that hash; `previous` chains the
  /// words before it with the same hash (UInt32.max ends a chain).
  private var heads: [UInt64: UInt32] = [:]
  private var previous: [UInt32] = []
  /// The longest word kept, in syllables.
  private(set) var longestWord = 0

  /// Measured on the known-item dev sets: without word phrases, body set typed without
  /// diacritics MRR@10 0.33 at 0.5, 0.37 at 0.25, 0.41 at 0.1, 0.42 at 0.05; with them all
  /// within 0.002 (0.70).
  static let otherSpellingsWeight: Float = 0.1
  /// Longer words are rare in queries and add little: at most this many syllables.
  static let maximumWordLength = 4

  /// The shipped word lists, keyed on first use; nil when they cannot be read (then every
  /// spelling counts fully, as a folding engine ranks).
  static let bundled: SpellingContext? = try? SpellingContext(
    wordLists: WordSegmenter.bundledWordLists())

  /// Keys every word of `wordLists` (one word a line, syllables separated by spaces or `_`).
  init(wordLists: [(name: String, bytes: [UInt8])], analyzer: SearchAnalyzer = SearchAnalyzer())
    throws
  {
    var exact: [UInt8] = []
    var folded: [UInt8] = []
    let lines = wordLists.reduce(0) { $0 + $1.bytes.count(where: { $0 == 0x0A }) }
    heads.reserveCapacity(lines)
    offsets.reserveCapacity(lines)
    previous.reserveCapacity(lines)
    storage.reserveCapacity(wordLists.reduce(0) { $0 + $1.bytes.count } * 2)
    for list in wordLists {
      // One analysis for the whole list; a line break between two tokens ends a word.
      var bytes = list.bytes
      for index in bytes.indices where bytes[index] == UInt8(ascii: "_") { bytes[index] = 0x20 }
      guard bytes.withUnsafeBufferPointer(UTF8Scanning.firstInvalidOffset) == nil else { continue }
      let analysis = try analyzer.analyze(bytes)
      var wordStart = storage.count
      var syllables = 0
      var hash = Self.emptyHash
      var wordIsSyllables = true
      var previousEnd = 0
      analysis.bytes.withUnsafeBufferPointer { text in
        func finishWord() {
          if wordIsSyllables, syllables >= 2, syllables <= Self.maximumWordLength {
            storage[wordStart] = UInt8(syllables)
            let word = UInt32(offsets.count)
            offsets.append(UInt32(wordStart))
            previous.append(heads.updateValue(word, forKey: hash) ?? UInt32.max)
            longestWord = max(longestWord, syllables)
          } else {
            storage.removeSubrange(wordStart...)
          }
          wordStart = storage.count
          syllables = 0
          hash = Self.emptyHash
          wordIsSyllables = true
        }
        for token in analysis.tokens {
          if text[previousEnd..<token.byteStart].contains(0x0A) { finishWord() }
          previousEnd = token.byteEnd
          guard token.kind == .syllable, wordIsSyllables else {
            wordIsSyllables = false
            continue
          }
          exact.removeAll(keepingCapacity: true)
          analyzer.keys.appendExact(
            text.baseAddress!, token.byteStart..<token.byteEnd, field: .body, to: &exact)
          guard exact.count < 256 else {
            wordIsSyllables = false
            continue
          }
          if syllables == 0 { storage.append(0) }  // the count, set when the word ends
          storage.append(UInt8(exact.count))
          storage.append(contentsOf: exact)
          folded.removeAll(keepingCapacity: true)
          exact.withUnsafeBytes { analyzer.keys.fold($0, into: &folded) }
          hash = Self.hash(hash, folded)
          syllables += 1
        }
        finishWord()
      }
    }
  }

  private static let emptyHash: UInt64 = 0xcbf2_9ce4_8422_2325

  /// FNV-1a over a folded key after its field byte, then a separator.
  private static func hash(_ hash: UInt64, _ folded: some Collection<UInt8>) -> UInt64 {
    var hash = hash
    for byte in folded.dropFirst() { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return (hash ^ 0x20) &* 0x100_0000_01b3
  }

  /// The words whose folded syllables are `folded` (keys with field bytes), as exact keys.
  private func words(folded: ArraySlice<[UInt8]>, keys: TermKeys) -> [[[UInt8]]] {
    var hash = Self.emptyHash
    for key in folded { hash = Self.hash(hash, key) }
    var found: [[[UInt8]]] = []
    var next = heads[hash] ?? UInt32.max
    while next != UInt32.max {
      var cursor = Int(offsets[Int(next)])
      let count = Int(storage[cursor])
      cursor += 1
      var word: [[UInt8]] = []
      for _ in 0..<count {
        let length = Int(storage[cursor])
        word.append(Array(storage[(cursor + 1)..<(cursor + 1 + length)]))
        cursor += 1 + length
      }
      // A hash can collide: the folded syllables must be the query's.
      if word.count == folded.count && zip(word, folded).allSatisfy({ keys.folded($0.0) == $0.1 })
        && !found.contains(word)
      {
        found.append(word)
      }
      next = previous[Int(next)]
    }
    return found
  }

  /// The words of the lists spelled by `syllables[range]` (exact body keys; `folded` holds their
  /// folded keys), agreeing with the syllables typed with marks, as exact keys (field byte
  /// first).
  func words(spelling syllables: [[UInt8]], folded: [[UInt8]], in range: Range<Int>, keys: TermKeys)
    -> [[[UInt8]]]
  {
    words(folded: folded[range], keys: keys).filter { word in
      zip(word, syllables[range]).allSatisfy { spelling, typed in
        !TermKeys.hasDiacritics(typed) || spelling == typed
      }
    }
  }

  /// For a query's syllables (exact body keys, in the order typed), the spellings each syllable
  /// typed without diacritics most likely means: those of every word of the lists that covers it
  /// in the query and agrees with the syllables around it (a syllable typed with marks must be
  /// that word's syllable exactly). Keyed by the syllable's folded key; a syllable no word
  /// covers is absent.
  func preferredSpellings(of syllables: [[UInt8]], keys: TermKeys) -> [[UInt8]: Set<[UInt8]>] {
    analyze(syllables, keys: keys).preferred
  }

  /// The stretches of `syllables` (start, count) that some word of the lists spells, agreeing
  /// with the syllables typed with marks: where a query's words stand together as words.
  func wordSpans(of syllables: [[UInt8]], keys: TermKeys) -> [Range<Int>] {
    analyze(syllables, keys: keys).spans
  }

  private func analyze(_ syllables: [[UInt8]], keys: TermKeys) -> (
    preferred: [[UInt8]: Set<[UInt8]>], spans: [Range<Int>]
  ) {
    var spans: [Range<Int>] = []
    var preferred: [[UInt8]: Set<[UInt8]>] = [:]
    let folded = syllables.map { keys.folded($0) }
    let accented = syllables.map(TermKeys.hasDiacritics)
    for start in syllables.indices {
      for length in 2...max(2, longestWord) where start + length <= syllables.count {
        for spelling in words(
          spelling: syllables, folded: folded, in: start..<(start + length), keys: keys)
        {
          if spans.last != start..<(start + length) { spans.append(start..<(start + length)) }
          for offset in 0..<length where !accented[start + offset] {
            preferred[folded[start + offset], default: []].insert(spelling[offset])
          }
        }
      }
    }
    return (preferred, spans)
  }
}
