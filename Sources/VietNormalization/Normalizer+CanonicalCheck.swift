import CByteScan
import VietText

extension Normalizer {
  /// Whether the text is already what `normalize` would make of it (NFC, clean, canonical tone
  /// marks), for the options that neither fold nor lowercase.
  ///
  /// Most text handed to vitext is clean: it was normalized before, or it came from a source that
  /// writes NFC with one tone style. This check reads such text far faster than the rewriting
  /// pass can, because it only answers yes or no. It classifies sixty-four bytes at a time with
  /// SIMD (`CByteScan`) into bit masks of the bytes that start a code point above ASCII and of
  /// control bytes, and looks only at those positions; printable ASCII costs nothing more. Each
  /// code point above ASCII costs one lookup of `CanonicalStatus` bits; whether its word needs
  /// its tone placement checked comes from `MisplacedToneContexts`, a table over the shapes of
  /// the code point and its two neighbours that doubts only where some syllable's tone can
  /// really move ("hoà", "qúy"; not "hoạt", "của", "ngày"). A doubted word is checked once and
  /// then remembered. At the first change found the answer is no, and the caller runs the full
  /// pass.
  func isAlreadyCanonical(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let p = input.baseAddress else { return true }
    let n = input.count
    let doubts = toneContexts.table(for: options.toneStyle)
    var scan = CanonicalScan()
    // Apart from `scan`, which then stays in registers through the loop.
    var checkedWords = CheckedWordCache()
    defer { checkedWords.release() }
    // The first code point has no byte before it, so it is looked at the careful way.
    guard
      var base = scalarsLookCanonical(
        p, n, from: 0, to: 1, doubts: doubts, scan: &scan, cache: &checkedWords)
    else {
      return false
    }
    while base + 64 + 4 <= n {
      var leads: UInt64 = 0
      var controls: UInt64 = 0
      vitext_classify64(p + base, &leads, &controls)
      // Every control flagged is one the rewriting pass removes or rewrites.
      if controls != 0 { return false }
      while leads != 0 {
        let k = base &+ leads.trailingZeroBitCount
        leads &= leads &- 1
        if k >= scan.checkedUntil
          && !leadLooksCanonical(p, n, at: k, doubts: doubts, scan: &scan, cache: &checkedWords)
        {
          return false
        }
      }
      base += 64
    }
    return scalarsLookCanonical(
      p, n, from: base, to: n, doubts: doubts, scan: &scan, cache: &checkedWords) != nil
  }

  /// The check one code point at a time, with every read bounds-checked: for the first code
  /// point and the last bytes. Returns where it stopped (the first code point boundary at or
  /// after `stop`), or nil when the text needs the rewriting pass.
  private func scalarsLookCanonical(
    _ p: UnsafePointer<UInt8>, _ n: Int, from start: Int, to stop: Int,
    doubts: UnsafePointer<UInt8>,
    scan: inout CanonicalScan, cache: inout CheckedWordCache
  ) -> Int? {
    let status = classes.canonicalStatus
    var i = max(start, scan.checkedUntil)
    // Continuation bytes of a code point the chunked loop has looked at.
    while i < n && p[i] & 0xC0 == 0x80 { i += 1 }
    while i < min(stop, n) {
      let b0 = p[i]
      if b0 < 0x80 {
        guard status[Int(b0)] & CanonicalStatus.changes == 0 else { return nil }
        i += 1
        continue
      }
      let (scalar, length) = UTF8Scanning.decode(p, at: i)
      guard scalar < 0x10000 else { return nil }
      let bits = status[Int(scalar)]
      let before = i == 0 ? 0 : p[i - 1] < 0x80 ? status[Int(p[i - 1])] : scan.lastBits
      let after =
        i + length == n
        ? 0 : p[i + length] < 0x80 ? status[Int(p[i + length])] : CanonicalStatus.lookedAtNext
      guard
        codePointLooksCanonical(
          p, n, at: i, bits, before, after, doubts: doubts, scan: &scan, cache: &cache)
      else {
        return nil
      }
      // Past the code point, or past the rest of its word when the word was checked whole.
      i = max(i + length, scan.checkedUntil)
    }
    return i
  }

  /// Looks at the code point above ASCII at `k` (`p[k] >= 0xC0`, a byte before it and at least
  /// four bytes readable after it); false when the text needs the rewriting pass.
  @inline(__always)
  private func leadLooksCanonical(
    _ p: UnsafePointer<UInt8>, _ n: Int, at k: Int, doubts: UnsafePointer<UInt8>,
    scan: inout CanonicalScan,
    cache: inout CheckedWordCache
  ) -> Bool {
    let status = classes.canonicalStatus
    let b0 = UInt32(p[k])
    guard b0 < 0xF0 else { return false }
    // Branches on the form and on the neighbours' kind are cheaper than selects here: a select
    // would chain each code point to the previous one's table reads (measured: 0.72× against
    // 0.96×), while predicted branches let the processor overlap several code points.
    let b1 = UInt32(p[k + 1] & 0x3F)
    let b2 = UInt32(p[k + 2] & 0x3F)
    let three = b0 >= 0xE0
    let scalar = Int(three ? (b0 & 0x0F) << 12 | b1 << 6 | b2 : (b0 & 0x1F) << 6 | b1)
    let length = three ? 3 : 2
    let bits = status[scalar]
    let previous = p[k &- 1]
    let before = previous < 0x80 ? status[Int(previous)] : scan.lastBits
    let after = classes.nextByteStatus[Int(p[k &+ length])]
    return codePointLooksCanonical(
      p, n, at: k, bits, before, after, doubts: doubts, scan: &scan, cache: &cache)
  }

  /// Judges the code point at `k` from its bits and its neighbours': false when the rewriting
  /// pass would change it; a word the doubt table names is checked whole, and `scan` then skips
  /// the rest of it.
  @inline(__always)
  private func codePointLooksCanonical(
    _ p: UnsafePointer<UInt8>, _ n: Int, at k: Int, _ bits: UInt8, _ before: UInt8, _ after: UInt8,
    doubts: UnsafePointer<UInt8>, scan: inout CanonicalScan, cache: inout CheckedWordCache
  ) -> Bool {
    guard scan.accepts(bits) else { return false }
    guard doubts[CanonicalStatus.doubtIndex(before, bits, after)] != 0 else { return true }
    guard let end = wordIsCanonical(p, n, at: k, cache: &cache) else { return false }
    scan.wordChecked(until: end)
    return true
  }

  /// Checks the tone placement of the word around `i`; returns where the word ends, or nil when
  /// the rewriting pass would change it.
  private func wordIsCanonical(
    _ p: UnsafePointer<UInt8>, _ n: Int, at i: Int, cache: inout CheckedWordCache
  ) -> Int? {
    let status = classes.canonicalStatus
    /// `CanonicalStatus` bits of any scalar (the table covers the BMP).
    func bits(_ scalar: UInt32) -> UInt8 {
      if scalar < 0x10000 { return status[Int(scalar)] }
      return classes.of(scalar) == .otherLetter
        ? CanonicalStatus.otherLetter | CanonicalStatus.changes : 0
    }
    var start = i
    var foreign = false
    while start > 0 {
      let byte = p[start - 1]
      if byte < 0x80 {
        guard status[Int(byte)] & CanonicalStatus.letter != 0 else { break }
        start -= 1
        continue
      }
      let (scalar, previous) = UTF8Scanning.decode(p, before: start)
      let found = bits(scalar)
      if found & CanonicalStatus.letter == 0 {
        guard found & CanonicalStatus.otherLetter != 0 else { break }
        foreign = true
      }
      start = previous
    }
    var end = i
    while end < n {
      let byte = p[end]
      if byte < 0x80 {
        guard status[Int(byte)] & CanonicalStatus.letter != 0 else { break }
        end += 1
        continue
      }
      let (scalar, length) = UTF8Scanning.decode(p, at: end)
      let found = bits(scalar)
      if found & CanonicalStatus.letter == 0 {
        guard found & CanonicalStatus.otherLetter != 0 else { break }
        // The caller skips the rest of the word: what it would have checked is checked here
        // (a combining mark after a letter, "ẹ" + U+0302, is a letter-class code point to compose).
        guard found & CanonicalStatus.changes == 0 else { return nil }
        foreign = true
      }
      end += length
    }
    // The rewriting pass leaves the tone of a word with foreign letters alone.
    if foreign { return end }
    if cache.contains(p + start, end - start, readable: n - start) { return end }
    var word = Array(UnsafeBufferPointer(start: p + start, count: end - start))
    guard !moveToneMark(in: &word, from: 0) else { return nil }
    cache.insert(p + start, end - start, readable: n - start)
    return end
  }
}

/// What the canonical check knows of a BMP code point (see `CharacterClasses.canonicalStatus`).
enum CanonicalStatus {
  /// The low four bits: the letter's `shape`, all that decides whether a tone mark next to
  /// it may be misplaced.
  static let shapeBits: UInt8 = 0x0F
  /// The rewriting pass changes or composes it (or, below 0x80, a control other than tab and
  /// newline).
  static let changes: UInt8 = 16
  /// A letter of the Vietnamese alphabet (ASCII letters included).
  static let letter: UInt8 = 32
  /// A letter (or combining mark) outside the Vietnamese alphabet: it belongs to the word, and
  /// the rewriting pass leaves the tone of such a word alone.
  static let otherLetter: UInt8 = 64

  /// Letters grouped by what they can do to tone placement, in both cases: 0 is not a
  /// Vietnamese letter; then other consonants, the onset-forming q and g, the plain vowels
  /// (a and e together), the quality-marked vowels, and each of those with a tone mark.
  static func shape(of letter: VietnameseAlphabet.Letter) -> UInt8 {
    let toned = letter.tone != 0
    switch letter.plain {
    case UInt8(ascii: "q"), UInt8(ascii: "g"): return 2
    case UInt8(ascii: "a"), UInt8(ascii: "e"): return toned ? 9 : 3
    case UInt8(ascii: "i"): return toned ? 10 : 4
    case UInt8(ascii: "o"): return toned ? 11 : 5
    case UInt8(ascii: "u"): return toned ? 12 : 6
    case UInt8(ascii: "y"): return toned ? 13 : 7
    case let plain where VietnameseAlphabet.hasQualityMark(plain): return toned ? 14 : 8
    default: return 1
    }
  }

  /// The shape given to a neighbour after a code point when it is above ASCII: it is not decoded
  /// there, but looked at next, with this code point's shape before it.
  static let lookedAtNext: UInt8 = 15

  @inline(__always)
  static func doubtIndex(_ before: UInt8, _ bits: UInt8, _ after: UInt8) -> Int {
    Int(before & shapeBits) << 8 | Int(bits & shapeBits) << 4 | Int(after & shapeBits)
  }
}

/// Where in a word a tone mark may sit misplaced, as one table per tone style: entry
/// `CanonicalStatus.doubtIndex(before, bits, after)` is 1 when a code point of that shape, between
/// neighbours of those shapes, may carry a tone mark the rewriting pass would move (a neighbour
/// above ASCII after it counts as `lookedAtNext`).
///
/// The tables are not written by hand: every syllable the orthography allows, with a tone on each
/// vowel, is put to the same placement rule the rewriting pass uses, and the contexts of the
/// misplaced ones are marked. So the check doubts "hoà" (old style) and "qúy" but not "hoạt",
/// "toàn" or "ngày", whose marks no spelling rule moves, and stays exact when the orthography
/// changes. Built once per orthography, never freed.
struct MisplacedToneContexts: @unchecked Sendable {
  private let old: UnsafePointer<UInt8>
  private let new: UnsafePointer<UInt8>

  static let tableSize = 16 * 16 * 16

  func table(for style: ToneStyle) -> UnsafePointer<UInt8> {
    switch style {
    case .old: return old
    case .new: return new
    case .keep: return Self.none
    }
  }

  /// The tables for an orthography: the bundled one's are built once, at first use; any other
  /// orthography (tests, experiments) gets its own.
  static func of(_ orthography: Orthography) -> MisplacedToneContexts {
    orthography.hasSameSpellings(as: .bundled) ? bundled : MisplacedToneContexts(orthography)
  }

  private static let bundled = MisplacedToneContexts(.bundled)

  private init(_ orthography: Orthography) {
    let tables = Self.build(orthography)
    old = tables.old
    new = tables.new
  }

  /// The `keep` style moves no tone: nothing to doubt.
  // Written once at first use, then only read.
  nonisolated(unsafe) private static let none: UnsafePointer<UInt8> = {
    let empty = UnsafeMutablePointer<UInt8>.allocate(capacity: tableSize)
    empty.initialize(repeating: 0, count: tableSize)
    return UnsafePointer(empty)
  }()

  private static func build(_ orthography: Orthography) -> (
    old: UnsafePointer<UInt8>, new: UnsafePointer<UInt8>
  ) {
    let old = UnsafeMutablePointer<UInt8>.allocate(capacity: tableSize)
    old.initialize(repeating: 0, count: tableSize)
    let new = UnsafeMutablePointer<UInt8>.allocate(capacity: tableSize)
    new.initialize(repeating: 0, count: tableSize)
    let alphabet = VietnameseAlphabet.shared
    // Shapes of every plain code, untoned and toned (consonants keep theirs).
    var shapes = [UInt8](repeating: 0, count: 512)
    for plain in 1..<256 {
      for tone in 0...1 {
        let scalar = alphabet.scalar(plain: UInt8(plain), tone: tone, upper: false)
        if scalar != 0, let letter = alphabet.letter(scalar) {
          shapes[tone * 256 + plain] = CanonicalStatus.shape(of: letter)
        }
      }
    }
    func mark(
      _ table: UnsafeMutablePointer<UInt8>, _ plains: UnsafeBufferPointer<UInt8>, toned: Int
    ) {
      let before = toned > 0 ? shapes[Int(plains[toned - 1])] : 0
      let this = shapes[256 + Int(plains[toned])]
      if toned + 1 < plains.count {
        let next = plains[toned + 1]
        // Plain codes below "a" are the letters above ASCII (quality vowels, đ).
        let after = next >= UInt8(ascii: "a") ? shapes[Int(next)] : CanonicalStatus.lookedAtNext
        table[CanonicalStatus.doubtIndex(before, this, after)] = 1
      } else {
        // The word ends: what follows is ASCII (0) or not (looked at next).
        table[CanonicalStatus.doubtIndex(before, this, 0)] = 1
        table[CanonicalStatus.doubtIndex(before, this, CanonicalStatus.lookedAtNext)] = 1
      }
    }
    let onsets = [[]] + orthography.onsets.spellings
    let nuclei = orthography.nuclei.spellings
    let finals = [[]] + orthography.finals.spellings
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer in
      for onset in onsets {
        for nucleus in nuclei {
          for final in finals {
            var count = 0
            for plain in onset + nucleus + final {
              buffer[count] = plain
              count += 1
            }
            let plains = UnsafeBufferPointer(rebasing: buffer[0..<count])
            guard let parts = orthography.parts(plains) else { continue }
            let oldTarget = orthography.tonePosition(plains, parts: parts, style: .old)
            let newTarget = orthography.tonePosition(plains, parts: parts, style: .new)
            for toned in plains.indices where VietnameseAlphabet.isVowel(plains[toned]) {
              if toned != oldTarget { mark(old, plains, toned: toned) }
              if toned != newTarget { mark(new, plains, toned: toned) }
            }
          }
        }
      }
    }
    return (UnsafePointer(old), UnsafePointer(new))
  }
}

/// What the canonical check carries from one code point to the next.
private struct CanonicalScan {
  /// Bits of the last code point above ASCII looked at: the one before offset `k` when
  /// `p[k - 1]` is not ASCII, since every such code point is looked at, in order.
  var lastBits: UInt8 = 0
  /// Code points before this offset belong to a word already checked whole.
  var checkedUntil = 0

  /// Remembers a code point's bits; false when the rewriting pass would change it.
  @inline(__always)
  mutating func accepts(_ bits: UInt8) -> Bool {
    lastBits = bits
    return bits & CanonicalStatus.changes == 0
  }

  /// Skips the rest of a word found canonical. It ends before a code point that is not a
  /// letter, and no pair with that one can doubt, so the bits carried over are cleared.
  @inline(__always)
  mutating func wordChecked(until end: Int) {
    checkedUntil = end
    lastBits = 0
  }
}

/// Words of at most seven bytes already found canonical, in a small direct-mapped table.
///
/// The table is allocated at the first word checked, so that the many short texts a build
/// normalizes one by one (titles, lines) do not each pay for one.
private struct CheckedWordCache {
  private var keys: UnsafeMutablePointer<UInt64>? = nil
  private static let slotBits = 10

  /// The word's bytes and length packed in one integer; nil for a longer word.
  @inline(__always)
  private static func key(_ p: UnsafePointer<UInt8>, _ count: Int, readable: Int) -> UInt64? {
    guard count <= 7 else { return nil }
    if readable >= 8 {
      let bytes =
        UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) & ((1 << (8 * UInt64(count))) &- 1)
      return bytes | UInt64(count) << 56
    }
    var key = UInt64(count) << 56
    for k in 0..<count { key |= UInt64(p[k]) << (8 * k) }
    return key
  }

  @inline(__always)
  private static func slot(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> (64 - UInt64(slotBits)))
  }

  /// Whether the `count` bytes at `p` (`readable` bytes from `p` on may be read) were inserted.
  func contains(_ p: UnsafePointer<UInt8>, _ count: Int, readable: Int) -> Bool {
    guard let keys, let key = Self.key(p, count, readable: readable) else { return false }
    return keys[Self.slot(key)] == key
  }

  mutating func insert(_ p: UnsafePointer<UInt8>, _ count: Int, readable: Int) {
    guard let key = Self.key(p, count, readable: readable) else { return }
    if keys == nil {
      let table = UnsafeMutablePointer<UInt64>.allocate(capacity: 1 << Self.slotBits)
      table.initialize(repeating: 0, count: 1 << Self.slotBits)
      keys = table
    }
    keys![Self.slot(key)] = key
  }

  /// Frees the table (the cache lives for one check).
  func release() { keys?.deallocate() }
}
