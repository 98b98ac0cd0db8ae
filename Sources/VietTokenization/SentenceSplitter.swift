import VietICU
import VietNormalization
import VietText

/// Groups tokens into sentences.
///
/// A line break always ends a sentence: reports put headings, list items and paragraphs on lines
/// of their own. Inside a line, ICU's sentence breaker (UAX #29) proposes boundaries, and they
/// are kept only where a terminator really ends the sentence: not after an abbreviation token
/// ("TP.", "ThS."), not after an initial ("V."), and never inside a token — so "11-ĐA/TU",
/// "10.630" and "06.12.2021" are safe by construction.
///
/// ICU's sentence breaker runs at about twice the speed of its word breaker, so running it over
/// every line would cost more than the whole tokenizer. Most terminators are followed by a space
/// and a letter, where UAX #29 decides by that letter alone: after "." a capital starts a
/// sentence and a small letter does not (rules SB8, SB11); after "!" or "?" a sentence always
/// starts; past numbers and brackets the next letter still decides. Those cases are decided
/// here the way ICU decides them; a line with any other terminator context (a letter outside
/// the Vietnamese alphabet, a terminator right after another, no space) goes to ICU whole. A
/// test checks on real text that both ways give the same boundaries.
struct SentenceSplitter {
  let abbreviations: AbbreviationTable
  let alphabet: VietnameseAlphabet
  /// Ask ICU about every line with a terminator (for the equivalence test).
  var consultICUForEveryLine = false

  init(abbreviations: AbbreviationTable, consultICUForEveryLine: Bool = false) {
    self.abbreviations = abbreviations
    self.alphabet = .shared
    self.consultICUForEveryLine = consultICUForEveryLine
  }

  func sentences(in text: UnsafeBufferPointer<UInt8>, tokens: [Token]) throws(ICUError)
    -> [Sentence]
  {
    var sentences: [Sentence] = []
    guard !tokens.isEmpty, let base = text.baseAddress else { return sentences }
    var breaker: BreakIterator?
    var first = 0
    while first < tokens.count {
      // The tokens of one line.
      var last = first
      while last + 1 < tokens.count,
        !hasNewline(base, from: tokens[last].byteEnd, to: tokens[last + 1].byteStart)
      {
        last += 1
      }
      if !(first..<last).contains(where: { isTerminator(tokens[$0], base) }) {
        sentences.append(sentence(tokens, first...last))
      } else if !consultICUForEveryLine,
        let ends = decidedBreaks(line: first...last, tokens: tokens, base: base)
      {
        var start = first
        for end in ends where endsSentence(at: end, tokens: tokens, text: text) {
          sentences.append(sentence(tokens, start...end))
          start = end + 1
        }
        if start <= last { sentences.append(sentence(tokens, start...last)) }
      } else {
        if breaker == nil { breaker = try BreakIterator(.sentence) }
        try split(
          line: first...last, tokens: tokens, text: text, breaker: breaker!, into: &sentences)
      }
      first = last + 1
    }
    return sentences
  }

  private func split(
    line: ClosedRange<Int>, tokens: [Token], text: UnsafeBufferPointer<UInt8>,
    breaker: BreakIterator,
    into sentences: inout [Sentence]
  ) throws(ICUError) {
    let lineStart = tokens[line.lowerBound].byteStart
    let lineText = UnsafeBufferPointer(rebasing: text[lineStart..<tokens[line.upperBound].byteEnd])
    var sentenceStart = line.lowerBound
    var next = line.lowerBound
    try breaker.forEachBoundary(in: lineText) { boundary in
      let offset = lineStart + boundary
      while next <= line.upperBound, tokens[next].byteStart < offset { next += 1 }
      guard next <= line.upperBound, next > sentenceStart,
        endsSentence(at: next - 1, tokens: tokens, text: text)
      else {
        return
      }
      sentences.append(sentence(tokens, sentenceStart...(next - 1)))
      sentenceStart = next
    }
    if sentenceStart <= line.upperBound {
      sentences.append(sentence(tokens, sentenceStart...line.upperBound))
    }
  }

  /// The indices of the tokens after which UAX #29 breaks in this line, when every terminator
  /// in it is followed by closing punctuation, a space and a letter of the Vietnamese alphabet;
  /// nil when ICU must decide.
  private func decidedBreaks(line: ClosedRange<Int>, tokens: [Token], base: UnsafePointer<UInt8>)
    -> [Int]?
  {
    var ends: [Int] = []
    var k = line.lowerBound
    while k < line.upperBound {
      let token = tokens[k]
      guard isTerminator(token, base) else {
        k += 1
        continue
      }
      // "..." behaves as one "." (UAX #29 joins a run of full stops).
      let terminator = base[token.byteStart]
      var last = k
      while last < line.upperBound, tokens[last + 1].byteStart == tokens[last].byteEnd,
        isClosing(tokens[last + 1], base)
      {
        last += 1
      }
      if last == line.upperBound { break }
      let next = tokens[last + 1]
      guard next.byteStart > tokens[last].byteEnd else { return nil }
      if terminator != UInt8(ascii: ".") {
        ends.append(last)  // SB11: after "!" or "?" a sentence always ends
      } else {
        // SB8: after "." a sentence goes on when the next letter, past numbers, brackets and
        // other punctuation, is small.
        switch nextLetterCase(from: next.byteStart, to: tokens[line.upperBound].byteEnd, base) {
        case .upper, .none: ends.append(last)
        case .lower: break
        case .undecided: return nil
        }
      }
      k = last + 1
    }
    return ends
  }

  enum LetterCase { case upper, lower, none, undecided }

  /// The case of the first letter at or after `start`, skipping what UAX #29's rule SB8 skips;
  /// `.undecided` when a terminator or a letter outside the Vietnamese alphabet comes first.
  private func nextLetterCase(from start: Int, to end: Int, _ base: UnsafePointer<UInt8>)
    -> LetterCase
  {
    var k = start
    while k < end {
      let b = base[k]
      if b < 0x80 {
        if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") {
          return .undecided
        }
        if b >= 0x61 && b <= 0x7A { return .lower }
        if b >= 0x41 && b <= 0x5A { return .upper }
        k += 1
        continue
      }
      let (scalar, length) = UTF8Scanning.decode(base, at: k)
      if let letter = alphabet.letter(scalar) { return letter.isUppercase ? .upper : .lower }
      if ICU.category(scalar).isLetter { return .undecided }
      k += length
    }
    return .none
  }

  /// Whether a sentence may end after token `index` (ICU proposed it).
  private func endsSentence(at index: Int, tokens: [Token], text: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
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
      if before.byteEnd == token.byteStart, before.kind == .syllable,
        before.end - before.start == 1,
        base[before.byteStart] < 0x80
          ? (0x41...0x5A).contains(base[before.byteStart]) : isUppercaseLetter(before, base)
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

  /// ".", "...", "!" and "?". ICU does not end sentences at "…" (U+2026 is not a sentence
  /// terminator in UAX #29), and neither does vitext.
  private func isTerminator(_ token: Token, _ base: UnsafePointer<UInt8>) -> Bool {
    guard token.kind == .punctuation else { return false }
    let b = base[token.byteStart]
    return b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?")
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
      if b == 0xE2, k + 2 < end, base[k + 1] == 0x80, base[k + 2] == 0xA8 || base[k + 2] == 0xA9 {
        return true
      }
      k += 1
    }
    return false
  }

  private func sentence(_ tokens: [Token], _ range: ClosedRange<Int>) -> Sentence {
    let first = tokens[range.lowerBound]
    let last = tokens[range.upperBound]
    return Sentence(
      tokens: range.lowerBound..<(range.upperBound + 1), byteStart: first.byteStart,
      byteEnd: last.byteEnd,
      start: first.start, end: last.end)
  }
}
