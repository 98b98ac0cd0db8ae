import Foundation
import SearchCore
import VietText

/// The accented query a query typed without diacritics most likely means, from the index's own
/// statistics: "che do thai san" → "chế độ thai sản". Shown to the user as a suggestion; the
/// search itself stays folded.
///
/// Each syllable typed without marks gets one of the spellings its folded key has in the index.
/// The choice is a best path over the query: stretches that spell a word of the segmenter's word
/// lists (`SpellingContext`) count as that word, each syllable then worth `wordBonus` plus the
/// log of how many documents hold the word as a phrase (so "nguyen tac" is "nguyên tắc", not
/// the rarer word "nguyên tác"); a syllable no word covers takes, among its most frequent
/// spellings, the one the index most often holds beside the syllables chosen around it ("tren
/// can" → "trên cạn"). Syllables typed with marks stay as typed, and a word must agree with
/// them. The counts cost one phrase query per candidate word, at most `maximumPhraseCounts` a
/// query, and one per neighbouring pair, at most `maximumPairCounts`.
struct DiacriticsRestorer {
  let analyzer: SearchAnalyzer
  let reader: IndexReader
  let context: SpellingContext

  /// Worth of a syllable inside a word of the lists, against the log document frequency of its
  /// spelling (at most about 11 on the 43,122-document gov corpus): a word wins over spellings
  /// chosen one by one.
  static let wordBonus = 12.0
  /// Bounds the work a suggestion adds to a query: candidate words past this many are weighed by
  /// their syllables' frequencies alone.
  static let maximumPhraseCounts = 24
  /// A syllable no word covers is weighed among this many of its most frequent spellings.
  static let candidateSpellings = 6
  /// Bounds the neighbour counts of syllables no word covers (two per candidate spelling):
  /// past this many, the remaining syllables keep their most frequent spelling.
  static let maximumPairCounts = 48

  /// The restored query, or nil when every syllable was typed with marks or nothing changes.
  func restore(_ query: String) -> String? {
    let bytes = Array(query.utf8)
    guard let analysis = try? analyzer.analyze(bytes), analysis.bytes.count == bytes.count else {
      return nil
    }
    // Syllables (tokens of letters only) in order, with where they lie in the query.
    var syllables: [[UInt8]] = []
    var ranges: [Range<Int>] = []
    for token in analysis.tokens where token.kind == .syllable {
      var key: [UInt8] = []
      analysis.bytes.withUnsafeBufferPointer {
        analyzer.keys.appendExact(
          $0.baseAddress!, token.byteStart..<token.byteEnd, field: .body, to: &key)
      }
      syllables.append(key)
      ranges.append(token.byteStart..<token.byteEnd)
    }
    guard syllables.contains(where: { !TermKeys.hasDiacritics($0) }) else { return nil }
    let folded = syllables.map { analyzer.keys.folded($0) }
    var frequencies: [[UInt8]: [(exact: [UInt8], documentFrequency: Int)]] = [:]
    func spellings(_ syllable: [UInt8]) -> [(exact: [UInt8], documentFrequency: Int)] {
      let folded = analyzer.keys.folded(syllable)
      if let known = frequencies[folded] { return known }
      let found = reader.spellings(folded: folded)
      frequencies[folded] = found
      return found
    }
    func weight(_ exact: [UInt8]) -> Double {
      let frequency = spellings(exact).first { $0.exact == exact }?.documentFrequency ?? 0
      return log(Double(frequency) + 1)
    }
    var phraseCounts = 0
    func phraseWeight(_ word: [[UInt8]]) -> Double {
      guard phraseCounts < Self.maximumPhraseCounts else {
        return word.reduce(0) { $0 + weight($1) } / Double(word.count)
      }
      phraseCounts += 1
      let phrase = CoreQuery.phrase(
        word.map { TermMatcher(folded: analyzer.keys.folded($0), exact: $0) })
      let count = (try? reader.search(phrase, limit: 0).total) ?? 0
      return log(Double(count) + 1)
    }
    // best[i]: the best reading of syllables[0..<i], its score, the spellings chosen and which
    // of them were chosen alone (no word of the lists covers them).
    var best: [(score: Double, chosen: [[UInt8]], alone: [Bool])?] = Array(
      repeating: nil, count: syllables.count + 1)
    best[0] = (0, [], [])
    for start in syllables.indices {
      guard let before = best[start] else { continue }
      func offer(_ spelled: [[UInt8]], score: Double) {
        let end = start + spelled.count
        if best[end] == nil || best[end]!.score < before.score + score {
          best[end] = (
            before.score + score, before.chosen + spelled,
            before.alone + spelled.map { _ in spelled.count == 1 }
          )
        }
      }
      let typed = syllables[start]
      if TermKeys.hasDiacritics(typed) {
        offer([typed], score: weight(typed))
      } else {
        let single = spellings(typed).first?.exact ?? typed
        offer([single], score: weight(single))
      }
      for length in 2...max(2, context.longestWord) where start + length <= syllables.count {
        for word in context.words(
          spelling: syllables, folded: folded, in: start..<(start + length), keys: analyzer.keys)
        {
          offer(word, score: Double(length) * (Self.wordBonus + phraseWeight(word)))
        }
      }
    }
    guard var chosen = best[syllables.count]?.chosen, let alone = best[syllables.count]?.alone
    else { return nil }
    // A syllable no word covers took its most frequent spelling; its neighbours say better
    // which one the query means ("tren can" is "trên cạn", not the more frequent "cần"; "ke
    // hoach thue" is "kế hoạch thuê" in a title about renting). Among its most frequent
    // spellings, each is weighed by how many documents hold it next to the syllables chosen
    // before and after it (two-syllable phrase counts, cached, at most `maximumPairCounts`
    // a query), its own frequency only breaking ties.
    var pairCounts: [[[UInt8]]: Double] = [:]
    func pairWeight(_ first: [UInt8], _ second: [UInt8]) -> Double? {
      let pair = [first, second]
      if let known = pairCounts[pair] { return known }
      guard pairCounts.count < Self.maximumPairCounts else { return nil }
      let phrase = CoreQuery.phrase(
        pair.map { TermMatcher(folded: analyzer.keys.folded($0), exact: $0) })
      let weight = log(Double((try? reader.search(phrase, limit: 0).total) ?? 0) + 1)
      pairCounts[pair] = weight
      return weight
    }
    refining: for index in syllables.indices
    where alone[index] && !TermKeys.hasDiacritics(syllables[index]) {
      let candidates = spellings(syllables[index]).prefix(Self.candidateSpellings)
      guard candidates.count > 1, index > 0 || index + 1 < syllables.count else { continue }
      var bestScore = -Double.infinity
      var bestSpelling = chosen[index]
      for candidate in candidates {
        var score = 0.01 * log(Double(candidate.documentFrequency) + 1)
        for (first, second) in [
          index > 0 ? (chosen[index - 1], candidate.exact) : nil,
          index + 1 < syllables.count ? (candidate.exact, chosen[index + 1]) : nil,
        ].compactMap({ $0 }) {
          guard let weight = pairWeight(first, second) else { break refining }
          score += weight
        }
        if score > bestScore {
          bestScore = score
          bestSpelling = candidate.exact
        }
      }
      chosen[index] = bestSpelling
    }
    // The query as typed, each syllable without marks replaced by its spelling, in the case the
    // user typed it (a capital first letter kept).
    var restored = bytes
    var changed = false
    for index in syllables.indices.reversed()
    where !TermKeys.hasDiacritics(syllables[index]) && chosen[index] != syllables[index] {
      var spelling = String(decoding: chosen[index].dropFirst(), as: UTF8.self)
      let typed = bytes[ranges[index]]
      if let first = typed.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") {
        spelling =
          typed.allSatisfy({ !($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) })
          ? spelling.uppercased() : spelling.prefix(1).uppercased() + spelling.dropFirst()
      }
      restored.replaceSubrange(ranges[index], with: Array(spelling.utf8))
      changed = true
    }
    return changed ? String(decoding: restored, as: UTF8.self) : nil
  }
}
