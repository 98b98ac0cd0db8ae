import VietNormalization
import VietText

/// The byte-level scanner behind `Tokenizer`: one pass, code point by code point.
struct TokenScanner {
  let p: UnsafePointer<UInt8>
  let n: Int
  let tokenizer: Tokenizer
  let classes: UnsafePointer<ScalarClass>
  let alphabet: VietnameseAlphabet
  var tokens: [Token] = []
  /// The byte and code-point position of the scanner.
  var i = 0
  var cp = 0

  init(text: UnsafeBufferPointer<UInt8>, tokenizer: Tokenizer) {
    // An empty buffer may have no base address; point at a static empty string instead.
    p = text.baseAddress ?? UnsafePointer(bitPattern: 1)!
    n = text.count
    self.tokenizer = tokenizer
    classes = tokenizer.classes.classes
    alphabet = VietnameseAlphabet.shared
    // About one token for every five bytes of Vietnamese text; growing the array later would
    // copy it.
    tokens.reserveCapacity(n / 4 + 16)
  }

  /// A decoded code point: its scalar, byte length and class. Invalid UTF-8 reads as one
  /// "other" byte, so the scanner always moves forward.
  @inline(__always)
  func peek(_ at: Int) -> (scalar: UInt32, length: Int, cls: ScalarClass) {
    let b = p[at]
    if b < 0x80 { return (UInt32(b), 1, classes[Int(b)]) }
    let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
    if length == 1 || at + length > n { return (0xFFFD, 1, .other) }
    let (scalar, decoded) = UTF8Scanning.decode(p, at: at)
    return (
      scalar, decoded, scalar < 0x10000 ? classes[Int(scalar)] : ScalarClasses.classify(scalar)
    )
  }

  @inline(__always)
  func isAlnum(_ at: Int) -> Bool {
    guard at < n else { return false }
    let c = peek(at).cls
    return c == .letter || c == .digit
  }

  @inline(__always)
  mutating func emit(_ kind: TokenKind, from start: (byte: Int, cp: Int)) {
    tokens.append(Token(kind: kind, byteStart: start.byte, byteEnd: i, start: start.cp, end: cp))
  }

  /// Advances over `count` bytes of already-validated text, counting code points.
  @inline(__always)
  mutating func advance(bytes count: Int) {
    let end = i + count
    while i < end {
      if p[i] & 0xC0 != 0x80 { cp += 1 }
      i += 1
    }
  }

  /// Scans the whole text.
  ///
  /// The loop keeps its position, its code-point count and the token array in local variables:
  /// written through `self`, every token appended could alias them and force the compiler to
  /// reload them, which cost about half the scanner's time. Plain words (letters followed by a
  /// space or ordinary punctuation, at most one capital) are finished here; everything else goes
  /// to the `scan…` methods, with the state handed over and taken back.
  mutating func run() {
    var tokens = self.tokens
    self.tokens = []
    var i = self.i
    var cp = self.cp
    let p = self.p
    let n = self.n
    let classes = self.classes
    let alphabet = self.alphabet

    while i < n {
      let b = p[i]
      if b == 0x20 || b == 0x0A {
        i += 1
        cp += 1
        continue
      }
      // The fast path: a word of letters.
      let startsWord: Bool
      if b < 0x80 {
        let lower = b | 0x20
        startsWord = lower >= 0x61 && lower <= 0x7A && !(i + 1 < n && Self.mayStartURL(b, p[i + 1]))
      } else {
        startsWord = peek(i).cls == .letter
      }
      if startsWord {
        let start = i
        let startCP = cp
        var uppercase = 0
        while i < n {
          let c = p[i]
          if c < 0x80 {
            let lower = c | 0x20
            guard lower >= 0x61 && lower <= 0x7A else { break }
            if c < 0x61 { uppercase += 1 }
            i += 1
            cp += 1
            continue
          }
          let (scalar, length) = UTF8Scanning.decode(p, at: i)
          let cls = scalar < 0x10000 ? classes[Int(scalar)] : ScalarClasses.classify(scalar)
          guard cls == .letter else { break }
          if alphabet.letter(scalar)?.isUppercase == true { uppercase += 1 }
          i += length
          cp += 1
        }
        let next: UInt8 = i < n ? p[i] : 0x20
        // Only a digit or one of . @ _ + - can extend a word into something else ("QH13",
        // "TP.", an e-mail address, "KT-XH").
        let plainEnd =
          uppercase < 2
          && !(next == UInt8(ascii: ".") || next == UInt8(ascii: "@") || next == UInt8(ascii: "_")
            || next == UInt8(ascii: "+") || next == UInt8(ascii: "-")
            || (next >= 0x30 && next <= 0x39))
        if plainEnd {
          tokens.append(
            Token(kind: .syllable, byteStart: start, byteEnd: i, start: startCP, end: cp))
          continue
        }
        i = start
        cp = startCP
      }
      // Everything else: hand the state to the scan methods and take it back.
      self.i = i
      self.cp = cp
      self.tokens = tokens
      tokens = []
      scanToken()
      swap(&tokens, &self.tokens)
      i = self.i
      cp = self.cp
    }
    self.i = i
    self.cp = cp
    self.tokens = tokens
  }

  /// Whether a word starting with these two bytes may be a URL ("http…", "www.…").
  @inline(__always)
  static func mayStartURL(_ b0: UInt8, _ b1: UInt8) -> Bool {
    let pair = (b0 | 0x20, b1 | 0x20)
    return pair == (UInt8(ascii: "h"), UInt8(ascii: "t"))
      || pair == (UInt8(ascii: "w"), UInt8(ascii: "w"))
  }

  /// Scans one token (or one space) at `i`.
  mutating func scanToken() {
    let (_, length, cls) = peek(i)
    switch cls {
    case .space, .newline:
      i += length
      cp += 1
    case .digit: scanNumeric()
    case .letter: scanWord()
    case .punctuation: scanPunctuation()
    case .symbol, .other:
      let start = (byte: i, cp: cp)
      i += length
      cp += 1
      emit(.symbol, from: start)
    }
  }

  // MARK: - Punctuation

  mutating func scanPunctuation() {
    let start = (byte: i, cp: cp)
    if p[i] == UInt8(ascii: "."), i + 2 < n, p[i + 1] == UInt8(ascii: "."),
      p[i + 2] == UInt8(ascii: ".")
    {
      var end = i + 3
      while end < n, p[end] == UInt8(ascii: ".") { end += 1 }
      cp += end - i
      i = end
    } else {
      let length = peek(i).length
      i += length
      cp += 1
    }
    emit(.punctuation, from: start)
  }

  // MARK: - Words

  /// Scans a letter run and what may cling to it: digits ("QH13"), hyphenated capitals
  /// ("KT-XH"), the period of a known abbreviation ("TP."); or a URL or e-mail address.
  mutating func scanWord() {
    let start = (byte: i, cp: cp)
    if let end = urlEnd(at: i) {
      advance(bytes: end - i)
      emit(.url, from: start)
      return
    }
    var shape = WordShape()
    scanLetters(into: &shape)
    // Only a run followed by one of @ . _ - + can begin an e-mail address.
    if i < n, Self.mayContinueEmail(p[i]), let end = emailEnd(at: start.byte) {
      advance(bytes: end - i)
      emit(.email, from: start)
      return
    }
    if i < n, peek(i).cls == .digit {
      // Letters then digits: a code such as "QH13", "H5N1", "F0".
      while i < n, isAlnum(i) { scanAlnumUnit(into: &shape) }
      emit(shape.firstIsUpper ? .abbreviation : .syllable, from: start)
      return
    }
    if i < n, p[i] == UInt8(ascii: "."), let end = abbreviationWithPeriodEnd(from: start.byte) {
      advance(bytes: end - i)
      emit(.abbreviation, from: start)
      return
    }
    if shape.uppercase >= 2, !isSyllable(from: start.byte) {
      // "KT-XH", "COVID-19": capitals joined by hyphens to more capitals or digits.
      while i + 1 < n, p[i] == UInt8(ascii: "-"), isAlnum(i + 1), capitalsOrDigits(from: i + 1) {
        i += 1
        cp += 1
        while i < n, isAlnum(i) { scanAlnumUnit(into: &shape) }
      }
      emit(.abbreviation, from: start)
      return
    }
    // Acronyms are capitals; testing only those keeps the set lookup off the common path.
    let isAcronym =
      shape.uppercase >= 2
      && tokenizer.abbreviations.acronyms.contains(
        Array(UnsafeBufferPointer(start: p + start.byte, count: i - start.byte)))
    emit(isAcronym ? .abbreviation : .syllable, from: start)
  }

  @inline(__always)
  static func mayContinueEmail(_ b: UInt8) -> Bool {
    b == UInt8(ascii: "@") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
      || b == UInt8(ascii: "-")
      || b == UInt8(ascii: "+")
  }

  func isSyllable(from start: Int) -> Bool {
    tokenizer.orthography.isSyllable(utf8: UnsafeBufferPointer(start: p + start, count: i - start))
  }

  mutating func scanLetters(into shape: inout WordShape) {
    while i < n {
      let b = p[i]
      if b < 0x80 {
        // ASCII letters, the bulk of Vietnamese text, without decoding.
        let lower = b | 0x20
        guard lower >= 0x61 && lower <= 0x7A else { break }
        shape.addASCII(isUpper: b < 0x61)
        i += 1
        cp += 1
        continue
      }
      let (scalar, length, cls) = peek(i)
      guard cls == .letter else { break }
      shape.add(scalar, alphabet)
      i += length
      cp += 1
    }
  }

  mutating func scanAlnumUnit(into shape: inout WordShape) {
    let (scalar, length, _) = peek(i)
    shape.add(scalar, alphabet)
    i += length
    cp += 1
  }

  /// Whether the alphanumeric run at `at` holds no lowercase letter.
  func capitalsOrDigits(from at: Int) -> Bool {
    var k = at
    while k < n {
      let (scalar, length, cls) = peek(k)
      if cls == .digit {
      } else if cls == .letter {
        if let letter = alphabet.letter(scalar) {
          if !letter.isUppercase { return false }
        } else {
          return false
        }
      } else {
        break
      }
      k += length
    }
    return true
  }

  /// The end of a known abbreviation with a period ("TP.", "Th.S.") starting at `start`.
  func abbreviationWithPeriodEnd(from start: Int) -> Int? {
    let table = tokenizer.abbreviations
    var length = min(table.longestWithPeriod, n - start)
    while length > i - start {
      let end = start + length
      if p[end - 1] == UInt8(ascii: "."), end == n || peek(end).cls != .letter,
        table.withPeriod.contains(Array(UnsafeBufferPointer(start: p + start, count: length)))
      {
        return end
      }
      length -= 1
    }
    return nil
  }

  /// The end of a URL starting at `at` ("http://", "https://", "www."), trailing punctuation
  /// left out.
  func urlEnd(at: Int) -> Int? {
    func hasPrefix(_ prefix: StaticString) -> Bool {
      let count = prefix.utf8CodeUnitCount
      guard at + count <= n else { return false }
      for k in 0..<count where p[at + k] | 0x20 != prefix.utf8Start[k] { return false }
      return true
    }
    guard p[at] | 0x20 == UInt8(ascii: "h") || p[at] | 0x20 == UInt8(ascii: "w"),
      hasPrefix("http://") || hasPrefix("https://") || hasPrefix("www.")
    else { return nil }
    var end = at
    while end < n, !(peek(end).cls == .space || peek(end).cls == .newline) {
      end += peek(end).length
    }
    return trimmingTrailingPunctuation(at, end)
  }

  /// The end of an e-mail address starting at `at`: ASCII local part, "@", a dotted domain.
  func emailEnd(at: Int) -> Int? {
    func isLocal(_ b: UInt8) -> Bool {
      (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x2E || b == 0x5F
        || b == 0x2D || b == 0x2B
    }
    var k = at
    while k < n, isLocal(p[k]) { k += 1 }
    guard k < n, k > at, p[k] == UInt8(ascii: "@") else { return nil }
    k += 1
    let domainStart = k
    var sawDot = false
    while k < n, isLocal(p[k]) && p[k] != 0x2B && p[k] != 0x5F {
      if p[k] == 0x2E { sawDot = true }
      k += 1
    }
    let end = trimmingTrailingPunctuation(domainStart, k)
    guard sawDot, end > domainStart, p[end - 1] != 0x2E else { return nil }
    return end
  }

  func trimmingTrailingPunctuation(_ start: Int, _ end: Int) -> Int {
    var end = end
    while end > start, let last = Optional(p[end - 1]), ".,;:!?)]}\"'".utf8.contains(last) {
      end -= 1
    }
    return end
  }
}

/// What the scanner learns about a letter run while reading it.
struct WordShape {
  var letters = 0
  var uppercase = 0
  var firstIsUpper = false

  @inline(__always)
  mutating func addASCII(isUpper: Bool) {
    if letters == 0 { firstIsUpper = isUpper }
    letters += 1
    if isUpper { uppercase += 1 }
  }

  @inline(__always)
  mutating func add(_ scalar: UInt32, _ alphabet: VietnameseAlphabet) {
    let isUpper: Bool
    if scalar < 0x80 {
      isUpper = scalar >= 0x41 && scalar <= 0x5A
    } else if let letter = alphabet.letter(scalar) {
      isUpper = letter.isUppercase
    } else {
      isUpper = false
    }
    if letters == 0 { firstIsUpper = isUpper }
    letters += 1
    if isUpper { uppercase += 1 }
  }
}
