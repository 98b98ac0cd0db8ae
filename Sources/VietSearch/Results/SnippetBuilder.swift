import SearchCore
import VietText

/// A passage of a document around the query's matches.
public struct Snippet: Sendable, Hashable {
  /// The passage, with "…" where it cuts the stored text.
  public var text: String
  /// Matched stretches, as code-point offsets into `text` (half-open).
  public var highlights: [Range<Int>]
}

/// Picks the passage of a hit that holds the most distinct query terms (then the most matches)
/// and marks the matches, re-analyzing the stored text with the index's own analyzer.
///
/// A match is what the query matched: a word alone where the query has it alone, the words of a
/// phrase only where they stand in a row (`"Ban Thường vụ"` marks no lone "bạn" or "vụ"), and a
/// syllable typed with marks only in that spelling.
struct SnippetBuilder {
  let analyzer: SearchAnalyzer
  /// Width of the passage in indexed tokens.
  var windowTokens = 28

  /// Bytes analyzed at a time: documents run to megabytes (a gazette issue), and the passage is
  /// usually near the start, so the text is read in pieces until one holds every query term.
  var chunkBytes = 16_384
  /// Bytes read at most before settling for the best passage found (a passage with only some
  /// of the terms, when no stretch of the first 64 kB holds them all).
  var scanLimit = 64 << 10

  func snippet(of text: ArraySlice<UInt8>, matching entries: [[TermMatcher]]) -> Snippet? {
    // A word typed twice is one entry: the second could never claim a term the first has, and
    // the passage holding every entry would never be found.
    var seen = Set<[TermMatcher]>()
    let matchers = entries.filter { seen.insert($0).inserted }
    let wanted = matchers.count
    var best: (distinct: Int, total: Int, snippet: Snippet)?
    var start = text.startIndex
    while start < text.endIndex && start - text.startIndex < scanLimit {
      // Cut after a line break or space, never inside a UTF-8 sequence or a word.
      var end = min(text.endIndex, start + chunkBytes)
      if end < text.endIndex {
        var cut = end
        while cut > start && text[cut - 1] != 0x0A && text[cut - 1] != 0x20 { cut -= 1 }
        if cut > start {
          end = cut
        } else {
          while end < text.endIndex && text[end] & 0xC0 == 0x80 { end += 1 }
        }
      }
      if let found = passage(
        in: text[start..<end], atStart: start == text.startIndex, atEnd: end == text.endIndex,
        matching: matchers),
        best.map({ (found.distinct, found.total) > ($0.distinct, $0.total) }) ?? true
      {
        best = found
        if found.distinct >= wanted { break }
      }
      start = end
    }
    return best?.snippet
  }

  /// The best passage of one piece of a text, with how many distinct terms and matches it holds.
  private func passage(
    in text: ArraySlice<UInt8>, atStart: Bool, atEnd: Bool, matching matchers: [[TermMatcher]]
  ) -> (distinct: Int, total: Int, snippet: Snippet)? {
    guard !text.isEmpty, let analysis = try? analyzer.analyze(Array(text)) else { return nil }
    // Each term's keys, through the index's own term splitting.
    var indexed: [Range<Int>] = []
    var exactKeys: [[UInt8]] = []
    var foldedKeys: [[UInt8]] = []
    analyzer.forEachTerm(in: analysis, field: .body) { key, _, span in
      var folded: [UInt8] = []
      analyzer.keys.fold(key, into: &folded)
      indexed.append(span)
      exactKeys.append(Array(key))
      foldedKeys.append(folded)
    }
    guard !indexed.isEmpty else { return nil }
    // Which query entry (if any) each term belongs to: a phrase claims its terms only where all
    // of its words follow one another, as the index's positions count them.
    var matched = [Int](repeating: -1, count: indexed.count)
    for (entry, words) in matchers.enumerated() where !words.isEmpty {
      var start = 0
      while start + words.count <= indexed.count {
        let isMatch = words.indices.allSatisfy { offset in
          matched[start + offset] < 0
            && exactKeys[start + offset].withUnsafeBytes {
              Self.matches(words[offset], exact: $0, folded: foldedKeys[start + offset])
            }
        }
        if isMatch {
          for offset in words.indices { matched[start + offset] = entry }
          start += words.count
        } else {
          start += 1
        }
      }
    }
    // Slide a window over the tokens; keep the best by distinct terms, then total matches.
    var best = (distinct: -1, total: -1, start: 0)
    var counts = [Int](repeating: 0, count: matchers.count)
    var distinct = 0
    var total = 0
    let width = min(windowTokens, indexed.count)
    for index in indexed.indices {
      if matched[index] >= 0 {
        if counts[matched[index]] == 0 { distinct += 1 }
        counts[matched[index]] += 1
        total += 1
      }
      let leaving = index - width
      if leaving >= 0 && matched[leaving] >= 0 {
        counts[matched[leaving]] -= 1
        if counts[matched[leaving]] == 0 { distinct -= 1 }
        total -= 1
      }
      if index >= width - 1 && (distinct, total) > (best.distinct, best.total) {
        best = (distinct, total, index - width + 1)
      }
    }
    // Start a little before the first match in the window, so it is read in context.
    var first = best.start
    if let firstMatch = (best.start..<(best.start + width)).first(where: { matched[$0] >= 0 }) {
      first = max(0, firstMatch - 4)
    }
    let last = min(indexed.count - 1, first + width - 1)
    let scalars = Array(String(decoding: text, as: UTF8.self).unicodeScalars)
    let from = first == 0 ? 0 : indexed[first].lowerBound
    let to =
      last == indexed.count - 1 ? scalars.count : min(scalars.count, indexed[last].upperBound)
    var snippet = String.UnicodeScalarView()
    let cutBefore = from > 0 || !atStart
    let lead = cutBefore ? 2 : 0
    if cutBefore { snippet.append(contentsOf: "… ".unicodeScalars) }
    for scalar in scalars[from..<to] {
      snippet.append(scalar == "\n" || scalar == "\t" ? " " : scalar)
    }
    if to < scalars.count || !atEnd { snippet.append(contentsOf: " …".unicodeScalars) }
    // Highlights: matched tokens, joined when only spaces lie between them (a phrase).
    var highlights: [Range<Int>] = []
    for index in first...last where matched[index] >= 0 {
      let range =
        (indexed[index].lowerBound - from + lead)..<(indexed[index].upperBound - from + lead)
      if let previous = highlights.last, index > first, matched[index - 1] >= 0,
        scalars[(indexed[index - 1].upperBound)..<indexed[index].lowerBound].allSatisfy({
          $0 == " " || $0 == "-" || $0 == "/"
        })
      {
        highlights[highlights.count - 1] = previous.lowerBound..<range.upperBound
      } else {
        highlights.append(range)
      }
    }
    return (
      max(0, best.distinct), max(0, best.total),
      Snippet(text: String(snippet), highlights: highlights)
    )
  }

  @inline(__always)
  static func matches(_ matcher: TermMatcher, exact: UnsafeRawBufferPointer, folded: [UInt8])
    -> Bool
  {
    if let wanted = matcher.exact {
      return matcher.isPrefix ? exact.starts(with: wanted) : exact.elementsEqual(wanted)
    }
    return matcher.isPrefix ? folded.starts(with: matcher.folded) : folded == matcher.folded
  }
}
