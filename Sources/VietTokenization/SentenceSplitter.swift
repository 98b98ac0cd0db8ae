import VietICU
import VietText

/// Groups tokens into sentences.
///
/// A line break always ends a sentence: reports put headings, list items and paragraphs on lines
/// of their own. Inside a line, ICU's sentence breaker (UAX #29) proposes boundaries, and they
/// are kept only where a terminator really ends the sentence: not after an abbreviation token
/// ("TP.", "ThS."), not after an initial ("V."), and never inside a token — so "11-ĐA/TU",
/// "10.630" and "06.12.2021" are safe by construction.
struct SentenceSplitter {
  let abbreviations: AbbreviationTable

  func sentences(in text: UnsafeBufferPointer<UInt8>, tokens: [Token]) throws(ICUError) -> [Sentence] {
    var sentences: [Sentence] = []
    guard !tokens.isEmpty, let base = text.baseAddress else { return sentences }
    var breaker: BreakIterator?
    var first = 0
    while first < tokens.count {
      // The tokens of one line.
      var last = first
      while last + 1 < tokens.count, !hasNewline(base, from: tokens[last].byteEnd, to: tokens[last + 1].byteStart) {
        last += 1
      }
      if (first..<last).contains(where: { isTerminator(tokens[$0], base) }) {
        if breaker == nil { breaker = try BreakIterator(.sentence) }
        try split(line: first...last, tokens: tokens, text: text, breaker: breaker!, into: &sentences)
      } else {
        sentences.append(sentence(tokens, first...last))
      }
      first = last + 1
    }
    return sentences
  }

  private func split(
    line: ClosedRange<Int>, tokens: [Token], text: UnsafeBufferPointer<UInt8>, breaker: BreakIterator,
    into sentences: inout [Sentence]
  ) throws(ICUError) {
    let lineStart = tokens[line.lowerBound].byteStart
    let lineText = UnsafeBufferPointer(rebasing: text[lineStart..<tokens[line.upperBound].byteEnd])
    var sentenceStart = line.lowerBound
    var next = line.lowerBound
    try breaker.forEachBoundary(in: lineText) { boundary in
      let offset = lineStart + boundary
      while next <= line.upperBound, tokens[next].byteStart < offset { next += 1 }
      guard next <= line.upperBound, next > sentenceStart, endsSentence(at: next - 1, tokens: tokens, text: text) else {
        return
      }
      sentences.append(sentence(tokens, sentenceStart...(next - 1)))
      sentenceStart = next
    }
    if sentenceStart <= line.upperBound { sentences.append(sentence(tokens, sentenceStart...line.upperBound)) }
  }

  /// Whether a sentence may end after token `index` (ICU proposed it).
  private func endsSentence(at index: Int, tokens: [Token], text: UnsafeBufferPointer<UInt8>) -> Bool {
    let base = text.baseAddress!
    // Skip closing quotes and brackets back to the terminator.
    var k = index
    while k > 0, isClosing(tokens[k], base) { k -= 1 }
    let token = tokens[k]
    // ICU proposes boundaries only after terminators; one that falls after anything else lies
    // inside a token ("a?b" in a URL) or after an abbreviation ("TP. Hồ Chí Minh").
    guard isTerminator(token, base) else { return false }
    // An initial: "Nguyễn V. Anh" — one capital letter right before the period.
    if base[token.byteStart] == UInt8(ascii: "."), k > 0 {
      let before = tokens[k - 1]
      if before.byteEnd == token.byteStart, before.kind == .syllable, before.end - before.start == 1,
        base[before.byteStart] < 0x80 ? (0x41...0x5A).contains(base[before.byteStart]) : isUppercaseLetter(before, base)
      {
        return false
      }
    }
    return true
  }

  private func isUppercaseLetter(_ token: Token, _ base: UnsafePointer<UInt8>) -> Bool {
    let scalar = UTF8Scanning.decode(base, at: token.byteStart).scalar
    return ICU.category(scalar) == .uppercaseLetter
  }

  private func isTerminator(_ token: Token, _ base: UnsafePointer<UInt8>) -> Bool {
    guard token.kind == .punctuation else { return false }
    let b = base[token.byteStart]
    if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") { return true }
    // "…" U+2026
    return token.byteEnd - token.byteStart == 3 && b == 0xE2 && base[token.byteStart + 1] == 0x80
      && base[token.byteStart + 2] == 0xA6
  }

  private func isClosing(_ token: Token, _ base: UnsafePointer<UInt8>) -> Bool {
    guard token.kind == .punctuation else { return false }
    let scalar = UTF8Scanning.decode(base, at: token.byteStart).scalar
    if scalar == 0x22 || scalar == 0x27 || scalar == 0x29 || scalar == 0x5D { return true }
    let category = ICU.category(scalar)
    return category == .endPunctuation || category == .finalPunctuation
  }

  private func hasNewline(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Bool {
    var k = start
    while k < end {
      let b = base[k]
      if b == 0x0A || b == 0x0D { return true }
      if b == 0xE2, k + 2 < end, base[k + 1] == 0x80, base[k + 2] == 0xA8 || base[k + 2] == 0xA9 { return true }
      k += 1
    }
    return false
  }

  private func sentence(_ tokens: [Token], _ range: ClosedRange<Int>) -> Sentence {
    let first = tokens[range.lowerBound]
    let last = tokens[range.upperBound]
    return Sentence(
      tokens: range.lowerBound..<(range.upperBound + 1), byteStart: first.byteStart, byteEnd: last.byteEnd,
      start: first.start, end: last.end)
  }
}
