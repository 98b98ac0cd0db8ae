import VietText

/// What `LegacyDecoder.guess` found at the start of an input.
public struct EncodingGuess: Hashable, Sendable {
  /// The encoding to read the input in.
  public var encoding: SourceEncoding
  /// Bytes of byte-order mark at the start of the input, to skip (0 when none).
  public var byteOrderMarkLength: Int
  /// Ill-formed UTF-8 sequences in the sample of text taken for UTF-8 with stray bytes
  /// (each to be replaced with U+FFFD and reported); 0 otherwise.
  public var strayUTF8Sequences: Int

  /// Makes a guess; the counts default to none.
  public init(encoding: SourceEncoding, byteOrderMarkLength: Int = 0, strayUTF8Sequences: Int = 0) {
    self.encoding = encoding
    self.byteOrderMarkLength = byteOrderMarkLength
    self.strayUTF8Sequences = strayUTF8Sequences
  }
}

extension LegacyDecoder {
  /// Guesses the encoding of `sample` (the start of a file is enough).
  public func detect(_ sample: [UInt8], orthography: Orthography = .bundled) -> SourceEncoding {
    guess(sample, orthography: orthography).encoding
  }

  /// Guesses the encoding of `sample` (the start of a file), preferring to leave text alone:
  /// a wrong guess of TCVN3 or VNI turns a whole file into mojibake, a wrong guess of Unicode
  /// costs a few U+FFFD at worst, so the legacy encodings need strong evidence.
  ///
  /// In order: a byte-order mark decides (UTF-32 before UTF-16, whose mark it starts with; a
  /// UTF-8 mark is Unicode). UTF-8 that is valid except for a few stray bytes (at most one
  /// ill-formed sequence in 20 multi-byte ones, as a damaged or mis-concatenated file has) is
  /// Unicode, the strays counted. Otherwise each candidate decoding is scored by how many of
  /// its words that carry Vietnamese letters are well-formed Vietnamese syllables; a legacy
  /// reading wins only when at least three such words and four in five of them are syllables,
  /// and (for mojibake) when it beats the Unicode reading by as much. Raw bytes with no strong
  /// reading are reported as Unicode, so the caller's invalid-UTF-8 handling applies.
  public func guess(_ sample: [UInt8], orthography: Orthography = .bundled) -> EncodingGuess {
    if let mark = Self.byteOrderMark(sample) { return mark }
    let counts = sample.withUnsafeBufferPointer(UTF8Scanning.sequenceCounts)
    if counts.invalid == 0 {
      // Mojibake of a legacy file holds only characters that Windows-1252 has; one that it
      // lacks (ư, ơ, đ, ạ …) means the text was written in Unicode.
      guard fitsWindows1252(sample) else { return EncodingGuess(encoding: .unicode) }
      let unicode = Self.syllableTally(sample, orthography: orthography)
      var best = EncodingGuess(encoding: .unicode)
      var bestScore = unicode.score
      for candidate in [SourceEncoding.tcvn3Windows1252, .vniWindows1252] {
        let tally = Self.syllableTally(decode(sample, from: candidate), orthography: orthography)
        if tally.isStrong && tally.score >= max(bestScore, unicode.score) + 3 {
          best = EncodingGuess(encoding: candidate)
          bestScore = tally.score
        }
      }
      return best
    }
    if counts.invalid * 20 <= counts.multiByte {
      return EncodingGuess(encoding: .unicode, strayUTF8Sequences: counts.invalid)
    }
    var best = EncodingGuess(encoding: .unicode)
    var bestScore = Int.min
    for candidate in [SourceEncoding.tcvn3, .vni] {
      let tally = Self.syllableTally(decode(sample, from: candidate), orthography: orthography)
      if tally.isStrong && tally.score > bestScore {
        best = EncodingGuess(encoding: candidate)
        bestScore = tally.score
      }
    }
    return best
  }

  /// The encoding a byte-order mark at the start of `bytes` names, if any.
  public static func byteOrderMark(_ bytes: [UInt8]) -> EncodingGuess? {
    if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
      return EncodingGuess(encoding: .utf32LittleEndian, byteOrderMarkLength: 4)
    }
    if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
      return EncodingGuess(encoding: .utf32BigEndian, byteOrderMarkLength: 4)
    }
    if bytes.starts(with: [0xFF, 0xFE]) {
      return EncodingGuess(encoding: .utf16LittleEndian, byteOrderMarkLength: 2)
    }
    if bytes.starts(with: [0xFE, 0xFF]) {
      return EncodingGuess(encoding: .utf16BigEndian, byteOrderMarkLength: 2)
    }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      return EncodingGuess(encoding: .unicode, byteOrderMarkLength: 3)
    }
    return nil
  }

  private func fitsWindows1252(_ utf8: [UInt8]) -> Bool {
    utf8.withUnsafeBufferPointer { buffer in
      var i = 0
      while i < buffer.count {
        let (scalar, length) = UTF8Scanning.decode(buffer.baseAddress!, at: i)
        if scalar >= 0x80 && windows1252Bytes[scalar] == nil { return false }
        i += length
      }
      return true
    }
  }

  /// Words with a non-ASCII letter that are Vietnamese syllables, and those that are not.
  struct SyllableTally {
    var syllables = 0
    var others = 0
    var score: Int { syllables - others }
    /// Enough evidence to convert a file: three syllables at least, and four in five words.
    var isStrong: Bool { syllables >= 3 && syllables * 5 >= (syllables + others) * 4 }
  }

  /// +1 for each word with a non-ASCII letter that is a Vietnamese syllable, −1 for each that is
  /// not (or holds a character that no Vietnamese word has).
  static func syllableScore(_ utf8: [UInt8], orthography: Orthography) -> Int {
    syllableTally(utf8, orthography: orthography).score
  }

  static func syllableTally(_ utf8: [UInt8], orthography: Orthography) -> SyllableTally {
    let alphabet = VietnameseAlphabet.shared
    var tally = SyllableTally()
    var plains: [UInt8] = []
    var hasNonASCII = false
    var wellFormed = true
    func endWord() {
      if !plains.isEmpty, hasNonASCII {
        let isSyllable = wellFormed && plains.withUnsafeBufferPointer { orthography.isSyllable($0) }
        if isSyllable { tally.syllables += 1 } else { tally.others += 1 }
      }
      plains.removeAll(keepingCapacity: true)
      hasNonASCII = false
      wellFormed = true
    }
    utf8.withUnsafeBufferPointer { buffer in
      var i = 0
      while i < buffer.count {
        let (scalar, length) = UTF8Scanning.decode(buffer.baseAddress!, at: i)
        i += length
        if let letter = alphabet.letter(scalar) {
          plains.append(letter.plain)
          if scalar >= 0x80 { hasNonASCII = true }
        } else if scalar >= 0xC0, scalar != 0xD7, scalar != 0xF7, scalar < 0x250 {
          // A Latin letter outside the Vietnamese alphabet (ø, ñ, ¶ is not one): typical of
          // VNI or TCVN3 bytes shown as Windows-1252.
          plains.append(0)
          hasNonASCII = true
          wellFormed = false
        } else {
          endWord()
        }
      }
    }
    endWord()
    return tally
  }
}
