import VietText

extension LegacyDecoder {
  /// Guesses the encoding of `sample` (the start of a file is enough).
  ///
  /// Each candidate decoding is scored by how many of its words that carry Vietnamese letters
  /// are well-formed Vietnamese syllables; the best wins, Unicode on a tie. Raw bytes that are
  /// not UTF-8 can only be TCVN3 or VNI; UTF-8 is Unicode unless it reads as mojibake.
  public func detect(_ sample: [UInt8], orthography: Orthography = .bundled) -> SourceEncoding {
    let isUTF8 = sample.withUnsafeBufferPointer(UTF8Scanning.firstInvalidOffset) == nil
    // Mojibake of a legacy file holds only characters that Windows-1252 has; one that it lacks
    // (ư, ơ, đ, ạ …) means the text was written in Unicode.
    if isUTF8 && !fitsWindows1252(sample) { return .unicode }
    let candidates: [SourceEncoding] =
      isUTF8 ? [.unicode, .tcvn3Windows1252, .vniWindows1252] : [.tcvn3, .vni]
    var best = candidates[0]
    var bestScore = Int.min
    for candidate in candidates {
      let score = Self.syllableScore(decode(sample, from: candidate), orthography: orthography)
      if score > bestScore {
        best = candidate
        bestScore = score
      }
    }
    return best
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

  /// +1 for each word with a non-ASCII letter that is a Vietnamese syllable, −1 for each that is
  /// not (or holds a character that no Vietnamese word has).
  static func syllableScore(_ utf8: [UInt8], orthography: Orthography) -> Int {
    let alphabet = VietnameseAlphabet.shared
    var score = 0
    var plains: [UInt8] = []
    var hasNonASCII = false
    var wellFormed = true
    func endWord() {
      if !plains.isEmpty, hasNonASCII {
        let isSyllable = wellFormed && plains.withUnsafeBufferPointer { orthography.isSyllable($0) }
        score += isSyllable ? 1 : -1
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
    return score
  }
}
