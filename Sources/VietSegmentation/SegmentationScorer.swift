import Foundation

/// Scores system output lines (words separated by spaces, syllables of a word joined by `_`)
/// against gold sentences exactly as the shared scorer `seg_eval.py` does, so `vitext bench`
/// can score any segmenter's output, its peers' included.
///
/// Per sentence: when the syllables are identical, words are compared as syllable spans; else,
/// when the characters agree after NFC, seg_eval's tone-placement rule and case folding, as
/// character spans; else system character offsets are mapped onto the gold's through the
/// matching blocks of Python's `difflib.SequenceMatcher` (ported here, no junk heuristic, as
/// seg_eval calls it). A test checks the counts against seg_eval.py itself.
public struct SegmentationScorer: Sendable {
  /// A scorer; it holds no state, so one serves any number of files.
  public init() {}

  /// The system output has a different number of lines than the gold file has sentences, so
  /// sentences cannot be paired.
  public struct LineCountMismatch: Error, CustomStringConvertible {
    /// Sentences in the gold file.
    public var gold: Int
    /// Lines of system output, blank lines at the end past the sentence count not counted.
    public var system: Int
    public var description: String {
      "line count mismatch: gold has \(gold) sentences, system output has \(system) lines"
    }
  }

  /// Scores `systemLines` against `gold`, line by line: the system's words are separated by
  /// whitespace, the syllables of a word by `_`.
  ///
  /// - Throws: `LineCountMismatch` when the line count differs from the sentence count (blank
  ///   lines at the end past the sentence count are dropped first).
  public func score(gold: [GoldSentence], systemLines: [String]) throws(LineCountMismatch)
    -> SegmentationScore
  {
    var lines = systemLines
    while lines.count > gold.count, lines.last?.allSatisfy(\.isWhitespace) == true {
      lines.removeLast()
    }
    guard lines.count == gold.count else {
      throw LineCountMismatch(gold: gold.count, system: lines.count)
    }
    var score = SegmentationScore()
    for (sentence, line) in zip(gold, lines) {
      let system = line.split(whereSeparator: \.isWhitespace).map { token -> [String] in
        let parts = token.split(separator: "_").map(String.init)
        return parts.isEmpty ? [String(token)] : parts
      }
      add(gold: sentence.words, system: system, to: &score)
    }
    return score
  }

  private func add(gold: [[String]], system: [[String]], to score: inout SegmentationScore) {
    if gold.joined().elementsEqual(system.joined()) {
      score.add(gold: Self.spans(gold.map(\.count)), system: Self.spans(system.map(\.count)))
      return
    }
    let goldWords = gold.map { fold($0.joined()) }
    let systemWords = system.map { fold($0.joined()) }
    let goldSpans = Self.spans(goldWords.map(\.count))
    let systemSpans = Self.spans(systemWords.map(\.count))
    let goldCharacters = Array(goldWords.joined())
    let systemCharacters = Array(systemWords.joined())
    if goldCharacters == systemCharacters {
      score.add(gold: goldSpans, system: systemSpans)
      return
    }
    // Map system offsets onto gold offsets through the common subsequence; a span counts only
    // when both ends map and its length is kept (seg_eval's rule).
    let mapping = Self.alignment(systemCharacters, goldCharacters)
    var mapped: [Range<Int>] = []
    for span in systemSpans {
      guard let start = mapping[span.lowerBound], let end = mapping[span.upperBound],
        end - start == span.count
      else {
        mapped.append(-1 - mapped.count ..< -1 - mapped.count)  // an impossible span: counts as a system word, never correct
        continue
      }
      mapped.append(start..<end)
    }
    score.add(gold: goldSpans, system: mapped)
  }

  /// seg_eval's `_fold`: NFD; o/u + tone + a/e (after o) or y (after u) at the end of a syllable
  /// becomes o/u + a/e/y + tone; NFC; case folding.
  private func fold(_ text: String) -> [Unicode.Scalar] {
    let tones: Set<UInt32> = [0x300, 0x301, 0x309, 0x303, 0x323]
    let d = Array(text.decomposedStringWithCanonicalMapping.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < d.count {
      let c = d[i]
      let lower = String(c).lowercased()
      if lower == "o" || lower == "u", i + 2 < d.count, tones.contains(d[i + 1].value),
        (lower == "o" ? "ae" : "y").contains(String(d[i + 2]).lowercased()),
        i + 3 == d.count || !d[i + 3].properties.isAlphabetic
      {
        out.append(c)
        out.append(d[i + 2])
        out.append(d[i + 1])
        i += 3
        continue
      }
      out.append(c)
      i += 1
    }
    return Array(String(out).precomposedStringWithCanonicalMapping.lowercased().unicodeScalars)
  }

  private static func spans(_ lengths: [Int]) -> [Range<Int>] {
    var start = 0
    return lengths.map { length in
      defer { start += length }
      return start..<(start + length)
    }
  }

  /// seg_eval's offset map: for each matching block (i, j, n) of difflib, offsets i…i+n of `a`
  /// map to j…j+n of `b`, later blocks overwriting earlier ones.
  private static func alignment(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> [Int: Int] {
    var mapping: [Int: Int] = [:]
    for (i, j, n) in matchingBlocks(a, b) {
      for k in 0...n { mapping[i + k] = j + k }
    }
    return mapping
  }

  /// `difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()`.
  static func matchingBlocks(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> [(Int, Int, Int)] {
    var positions: [Unicode.Scalar: [Int]] = [:]
    for (j, scalar) in b.enumerated() { positions[scalar, default: []].append(j) }
    func longestMatch(_ alo: Int, _ ahi: Int, _ blo: Int, _ bhi: Int) -> (Int, Int, Int) {
      var best = (alo, blo, 0)
      var lengths: [Int: Int] = [:]
      for i in alo..<ahi {
        var next: [Int: Int] = [:]
        for j in positions[a[i]] ?? [] {
          if j < blo { continue }
          if j >= bhi { break }
          let k = (lengths[j - 1] ?? 0) + 1
          next[j] = k
          if k > best.2 { best = (i - k + 1, j - k + 1, k) }
        }
        lengths = next
      }
      return best
    }
    var queue = [(0, a.count, 0, b.count)]
    var blocks: [(Int, Int, Int)] = []
    while let (alo, ahi, blo, bhi) = queue.popLast() {
      let (i, j, k) = longestMatch(alo, ahi, blo, bhi)
      guard k > 0 else { continue }
      blocks.append((i, j, k))
      if alo < i && blo < j { queue.append((alo, i, blo, j)) }
      if i + k < ahi && j + k < bhi { queue.append((i + k, ahi, j + k, bhi)) }
    }
    blocks.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    // Adjacent blocks are joined, as difflib does.
    var joined: [(Int, Int, Int)] = []
    for block in blocks {
      if let last = joined.last, last.0 + last.2 == block.0, last.1 + last.2 == block.1 {
        joined[joined.count - 1].2 += block.2
      } else {
        joined.append(block)
      }
    }
    joined.append((a.count, b.count, 0))
    return joined
  }
}
