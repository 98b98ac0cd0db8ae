import VietText

extension Normalizer {
  /// Whether the text is already what `normalize` would make of it (NFC, clean, canonical tone
  /// marks), for the options that neither fold nor lowercase.
  ///
  /// Most text handed to vitext is clean: it was normalized before, or it came from a source that
  /// writes NFC with one tone style. This check reads such text far faster than the rewriting
  /// pass can, because it only answers yes or no: runs of printable ASCII are skipped eight bytes
  /// at a time, every other code point costs one table lookup, and a word whose tone mark could
  /// be misplaced is checked once and then remembered (a few hundred words such as "của", "hoà"
  /// make up nearly all such checks). At the first doubt it answers no, and the caller runs the
  /// full pass.
  func isAlreadyCanonical(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let p = input.baseAddress else { return true }
    let n = input.count
    let status = classes.canonicalStatus
    let placesTones = options.toneStyle != .keep
    var checkedWords = CheckedWordCache()
    var i = 0
    while i < n {
      // Eight printable ASCII bytes at a time: stop at a byte ≥ 0x80, < 0x20 or = 0x7F.
      while i + 8 <= n {
        let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let control = (word &- 0x2020_2020_2020_2020) & ~word & high
        let delete = ((word ^ 0x7F7F_7F7F_7F7F_7F7F) &- ones) & ~(word ^ 0x7F7F_7F7F_7F7F_7F7F) & high
        if (word & high) | control | delete != 0 { break }
        i += 8
      }
      guard i < n else { break }
      let b = p[i]
      if b < 0x80 {
        guard (b >= 0x20 && b != 0x7F) || b == 0x0A || b == 0x09 else { return false }
        i += 1
        continue
      }
      let (scalar, length) = UTF8Scanning.decode(p, at: i)
      guard scalar < 0x10000 else { return false }
      switch status[Int(scalar)] {
      case CanonicalStatus.fine:
        i += length
      case CanonicalStatus.tonedVowel:
        if placesTones {
          let letter = alphabet.letter(scalar)!
          if toneMayBeMisplaced(p, n, at: i, length, letter) {
            guard let end = wordIsCanonical(p, n, at: i, cache: &checkedWords) else { return false }
            i = end
            continue
          }
        }
        i += length
      default:
        return false
      }
    }
    return true
  }

  /// Checks the tone placement of the word around `i`; returns where the word ends, or nil when
  /// the rewriting pass would change it.
  private func wordIsCanonical(
    _ p: UnsafePointer<UInt8>, _ n: Int, at i: Int, cache: inout CheckedWordCache
  ) -> Int? {
    let (start, foreignBefore) = inputWordStart(p, before: i)
    var foreign = foreignBefore
    var end = i
    while end < n {
      let (scalar, length) = UTF8Scanning.decode(p, at: end)
      if alphabet.letter(scalar) == nil {
        guard classes.of(scalar) == .otherLetter else { break }
        // The caller skips the rest of the word: what it would have checked is checked here
        // (a combining mark after a letter, "ẹ" + U+0302, is a letter-class code point to compose).
        guard scalar < 0x10000, classes.canonicalStatus[Int(scalar)] != CanonicalStatus.changes else { return nil }
        foreign = true
      }
      end += length
    }
    // The rewriting pass leaves the tone of a word with foreign letters alone.
    if foreign { return end }
    if cache.contains(p + start, end - start) { return end }
    var word = Array(UnsafeBufferPointer(start: p + start, count: end - start))
    guard !moveToneMark(in: &word, from: 0) else { return nil }
    cache.insert(p + start, end - start)
    return end
  }
}

/// What the canonical check does with a BMP code point (see `CharacterClasses.canonicalStatus`).
enum CanonicalStatus {
  /// Stays as it is.
  static let fine: UInt8 = 0
  /// A Vietnamese vowel with a tone mark: its word may need the mark moved.
  static let tonedVowel: UInt8 = 1
  /// The rewriting pass changes or composes it.
  static let changes: UInt8 = 2
}

/// Words of at most seven bytes already found canonical, in a small direct-mapped table.
private struct CheckedWordCache {
  private var keys = [UInt64](repeating: 0, count: 4096)

  private static func key(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64? {
    guard count <= 7 else { return nil }
    var key = UInt64(count) << 56
    for k in 0..<count { key |= UInt64(p[k]) << (8 * k) }
    return key
  }

  private static func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 52) }

  func contains(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    guard let key = Self.key(p, count) else { return false }
    return keys[Self.slot(key)] == key
  }

  mutating func insert(_ p: UnsafePointer<UInt8>, _ count: Int) {
    guard let key = Self.key(p, count) else { return }
    keys[Self.slot(key)] = key
  }
}
