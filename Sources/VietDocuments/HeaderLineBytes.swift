/// Byte tests that let `MetadataReader` skip the Unicode work (upper- and lower-casing, grapheme
/// walks, Foundation's canonical-equivalence search) on lines that cannot answer it.
///
/// `vitext export` reads the header of every JSON document, and a short text is header through
/// and through (a Bộ Pháp điển article is ten paragraph-long lines, all within the 40 header
/// lines), so each per-line rule ran over nearly every byte of the corpus. Each test here is
/// either a necessary condition (false means the slow rule answers no, whatever the text's
/// normalization form) or an exact answer for a restricted alphabet with a nil fallback;
/// `MetadataReaderTests` checks every one against the rule it stands in for, on NFC, NFD and
/// CRLF text.
enum HeaderLineBytes {
  // MARK: - Length

  /// Whether `line` has more than `limit` characters, decided on its bytes when they suffice:
  /// an ASCII byte after an ASCII byte other than a carriage return before a line feed always
  /// starts a new character (only non-ASCII scalars extend or are prepended to a character), so
  /// counting those bytes gives a lower bound; nil when the bound and the byte count do not
  /// decide (the caller then walks the characters).
  static func hasMoreCharacters(_ line: String, than limit: Int) -> Bool? {
    let utf8 = line.utf8
    if utf8.count <= limit { return false }
    var starts = 0
    var previous: UInt8 = 0
    var first = true
    for byte in utf8 {
      if byte < 0x80 && (first || (previous < 0x80 && !(previous == 0x0D && byte == 0x0A))) {
        starts += 1
        if starts > limit { return true }
      }
      previous = byte
      first = false
    }
    return nil
  }

  // MARK: - Date line

  /// Whether the bytes of `line` may hold "ngày", "tháng" and "năm" in any case, as a date line
  /// must (`MetadataReader.placeAndDate`). Under lower-casing and canonical equivalence an ASCII
  /// letter is only itself or its capital, "à" is à, À or a/A with a grave (U+0300 or U+0341's
  /// twin U+0340), "á" is á, Á or a/A with an acute (U+0301, U+0341), and "ă" is ă, Ă or a/A
  /// with a breve (U+0306); a line without all three runs is no date line.
  static func mayHoldDateWords(_ line: String) -> Bool {
    var text = line
    return text.withUTF8 { bytes in
      contains(bytes, monthWord) && contains(bytes, yearWord) && contains(bytes, dayWord)
    }
  }

  /// "tháng", "năm" and "ngày" as patterns, made once.
  static let monthWord = [ascii("t"), ascii("h"), aWith(acute), ascii("n"), ascii("g")]
  static let yearWord = [ascii("n"), aWith(breve), ascii("m")]
  static let dayWord = [ascii("n"), ascii("g"), aWith(grave), ascii("y")]

  /// One letter of a pattern: the byte sequences it may be written as.
  typealias Letter = [[UInt8]]

  /// An ASCII letter in either case.
  static func ascii(_ letter: Unicode.Scalar) -> Letter {
    let lower = UInt8(letter.value)
    return [[lower], [lower - 0x20]]
  }

  /// The combining marks a precomposed "a" letter decomposes to, with their canonical twins.
  static let grave: [[UInt8]] = [[0xCC, 0x80], [0xCD, 0x80]]
  static let acute: [[UInt8]] = [[0xCC, 0x81], [0xCD, 0x81]]
  static let breve: [[UInt8]] = [[0xCC, 0x86]]

  /// "a" with `mark`: precomposed small and capital (à À, á Á, ă Ă), or a/A then the mark.
  static func aWith(_ mark: [[UInt8]]) -> Letter {
    let precomposed: [[UInt8]] =
      switch mark.first! {
      case [0xCC, 0x80]: [[0xC3, 0xA0], [0xC3, 0x80]]
      case [0xCC, 0x81]: [[0xC3, 0xA1], [0xC3, 0x81]]
      default: [[0xC4, 0x83], [0xC4, 0x82]]
      }
    return precomposed + mark.flatMap { [[0x61] + $0, [0x41] + $0] }
  }

  /// Whether `pattern` (each letter written one of its ways) occurs in `bytes`.
  static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ pattern: [Letter]) -> Bool {
    func matches(_ letter: Int, at index: Int) -> Bool {
      if letter == pattern.count { return true }
      for form in pattern[letter] where index + form.count <= bytes.count {
        var equal = true
        for (offset, byte) in form.enumerated() where bytes[index + offset] != byte {
          equal = false
          break
        }
        if equal && matches(letter + 1, at: index + form.count) { return true }
      }
      return false
    }
    // Every pattern starts with an ASCII letter.
    let first = pattern[0][0][0] | 0x20
    for index in 0..<bytes.count where bytes[index] | 0x20 == first {
      if matches(0, at: index) { return true }
    }
    return false
  }

  // MARK: - Motto

  /// Whether `line` may be a motto line (`MetadataReader.isMottoByUnicode`): it starts with đ or
  /// Đ ("ĐỘC LẬP", "ĐẢNG CỘNG SẢN VIỆT NAM"), or holds "g h" ("CỘNG HÒA XÃ HỘI") or "h p"
  /// ("HẠNH PHÚC") in any case. These ASCII letters and the space are only themselves or their
  /// capitals under upper-casing and canonical equivalence (ẖ upper-cases to H and a combining
  /// mark, which no phrase has after its H).
  static func mayBeMotto(_ line: String) -> Bool {
    var text = line
    return text.withUTF8 { bytes in
      if bytes.count >= 2 && bytes[0] == 0xC4 && (bytes[1] == 0x90 || bytes[1] == 0x91) {
        return true
      }
      guard bytes.count >= 3 else { return false }
      for index in 1..<(bytes.count - 1) where bytes[index] == 0x20 {
        let before = bytes[index - 1] | 0x20
        let after = bytes[index + 1] | 0x20
        if (before == UInt8(ascii: "g") && after == UInt8(ascii: "h"))
          || (before == UInt8(ascii: "h") && after == UInt8(ascii: "p"))
        {
          return true
        }
      }
      return false
    }
  }

  // MARK: - Number line

  /// Whether `line` may be a number line for `MetadataReader.number(in:)`: its lower case starts
  /// with "số" (an "s" or "S" then a character equivalent to "ố", whose first scalar is ố, Ố, ô,
  /// Ô, o or O: bytes 0xE1, 0xC3, "o" or "O"), or holds " số:" (a space, "s" or "S", three to
  /// five bytes of "ố" in one of its forms, then a colon).
  static func mayBeNumberLine(_ line: String) -> Bool {
    var text = line
    return text.withUTF8 { bytes in
      func startsSo(_ index: Int) -> Bool {
        guard index + 1 < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "s") else {
          return false
        }
        let next = bytes[index + 1]
        return next == 0xE1 || next == 0xC3 || next | 0x20 == UInt8(ascii: "o")
      }
      if startsSo(0) { return true }
      guard bytes.count >= 6 else { return false }
      for colon in 5..<bytes.count where bytes[colon] == UInt8(ascii: ":") {
        // ố is 3 bytes (E1 BB 91), 4 (ô + U+0301 or U+0341) or 5 (o + U+0302 + U+0301).
        for length in 3...5 where colon - length - 2 >= 0 {
          let space = colon - length - 2
          if bytes[space] == UInt8(ascii: " ") && startsSo(space + 1) { return true }
        }
      }
      return false
    }
  }

  // MARK: - Upper case

  /// `line.uppercased()` as UTF-8 bytes, for a line made only of scalars that are each a
  /// character of their own, have no canonical decomposition other than a precomposed Latin
  /// letter's, and upper-case to one scalar: ASCII, Latin-1 letters and signs (not ß or ÿ), the
  /// Latin Extended-A pairs Vietnamese uses and their neighbours, ơ/ư, the Vietnamese letters
  /// U+1EA0–U+1EF9 and the general punctuation U+2010–U+2027 and U+2030–U+205E. nil for any
  /// other line (the caller then upper-cases it with the standard library). In such text
  /// canonically equivalent strings are byte-identical, so a byte search of the result answers
  /// what Foundation's search of the upper-cased string answers.
  static func uppercasedBytes(_ line: String) -> [UInt8]? {
    var text = line
    return text.withUTF8 { bytes -> [UInt8]? in
      var out = [UInt8](repeating: 0, count: bytes.count)
      var index = 0
      while index < bytes.count {
        let lead = bytes[index]
        if lead < 0x80 {
          out[index] = lead &- (lead >= 0x61 && lead <= 0x7A ? 0x20 : 0)
          index += 1
          continue
        }
        // Valid UTF-8 (a String): the lead byte gives the length.
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard length < 4 else { return nil }
        var scalar = UInt32(lead & (length == 2 ? 0x1F : 0x0F))
        for offset in 1..<length { scalar = scalar << 6 | UInt32(bytes[index + offset] & 0x3F) }
        guard let upper = upperScalar(scalar) else { return nil }
        // Every mapping here keeps the scalar's UTF-8 length.
        if length == 2 {
          out[index] = 0xC0 | UInt8(upper >> 6)
          out[index + 1] = 0x80 | UInt8(upper & 0x3F)
        } else {
          out[index] = 0xE0 | UInt8(upper >> 12)
          out[index + 1] = 0x80 | UInt8((upper >> 6) & 0x3F)
          out[index + 2] = 0x80 | UInt8(upper & 0x3F)
        }
        index += length
      }
      return out
    }
  }

  /// The upper case of a non-ASCII scalar of `uppercasedBytes`'s alphabet; nil outside it.
  static func upperScalar(_ scalar: UInt32) -> UInt32? {
    switch scalar {
    case 0xC0...0xDE: return scalar  // capitals and ×
    case 0xE0...0xFE where scalar != 0xF7: return scalar - 0x20
    case 0xA0...0xBF where scalar != 0xAD && scalar != 0xB5:
      // Signs; the soft hyphen is format (ignorable) and µ upper-cases to Greek Μ.
      return scalar
    case 0xF7: return scalar
    case 0x100...0x12F, 0x14A...0x177: return scalar & ~1  // even capital, odd small
    case 0x1A0, 0x1A1: return 0x1A0
    case 0x1AF, 0x1B0: return 0x1AF
    case 0x1EA0...0x1EF9: return scalar & ~1
    case 0x2010...0x2027, 0x2030...0x205E: return scalar
    default: return nil
    }
  }

  /// Whether `phrase`'s UTF-8 bytes occur in `bytes`.
  static func contains(_ bytes: [UInt8], _ phrase: [UInt8]) -> Bool {
    guard let first = phrase.first, bytes.count >= phrase.count else { return phrase.isEmpty }
    var index = 0
    let last = bytes.count - phrase.count
    while index <= last {
      if bytes[index] == first {
        var matched = 1
        while matched < phrase.count && bytes[index + matched] == phrase[matched] { matched += 1 }
        if matched == phrase.count { return true }
      }
      index += 1
    }
    return false
  }

  /// Whether `bytes` starts with `phrase`'s bytes.
  static func hasPrefix(_ bytes: [UInt8], _ phrase: [UInt8]) -> Bool {
    bytes.count >= phrase.count && bytes[..<phrase.count].elementsEqual(phrase)
  }
}
