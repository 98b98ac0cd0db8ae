import VietNormalization
import VietText

/// A set of multi-syllable words, looked up by the keys of their syllables.
///
/// Words are stored as the combined `SyllableKey`s of their syllables, so lookups ignore case and
/// tone placement and never build a string. Every proper prefix of a word is stored too (marked
/// as a prefix), so a scan from one syllable stops as soon as no longer word can follow.
///
/// Collisions between 64-bit keys are possible in principle and harmless in practice: a false
/// match only feeds one feature of the model, which weighs it against the others.
public struct SegmentationLexicon: Sendable {
  /// Open addressing with linear probing; 0 marks an empty slot.
  private var slots: [UInt64]
  private var flags: [UInt8]
  private var mask: Int
  private var slotsUsed = 0
  /// The number of words (not prefixes).
  public private(set) var count = 0
  /// The longest word, in syllables.
  public private(set) var longestWord = 0

  static let isWord: UInt8 = 1
  static let isPrefix: UInt8 = 2

  /// Words longer than this are not stored: idioms of nine syllables and more are too rare to pay
  /// for the longer scans.
  static let maximumLength = 8

  /// An empty lexicon: it knows no word, so no lexicon feature fires.
  public init() {
    slots = [UInt64](repeating: 0, count: 1024)
    flags = [UInt8](repeating: 0, count: 1024)
    mask = 1023
  }

  /// Reads word lists: one word a line, syllables separated by spaces or `_`, `#` comments.
  ///
  /// - Throws: `TableFormatError` when a file is not UTF-8.
  public init(wordLists: [(name: String, bytes: [UInt8])]) throws(TableFormatError) {
    self.init()
    let tokenizer = SyllableSplitter()
    for list in wordLists {
      guard list.bytes.withUnsafeBufferPointer(UTF8Scanning.firstInvalidOffset) == nil else {
        throw TableFormatError(resource: list.name, line: 0, reason: "not UTF-8")
      }
      list.bytes.withUnsafeBufferPointer { buffer in
        var lineStart = 0
        while lineStart < buffer.count {
          var lineEnd = lineStart
          while lineEnd < buffer.count, buffer[lineEnd] != 0x0A { lineEnd += 1 }
          if lineEnd > lineStart, buffer[lineStart] != UInt8(ascii: "#") {
            let keys = tokenizer.keys(buffer, lineStart..<lineEnd)
            if keys.count >= 2 { insert(keys) }
          }
          lineStart = lineEnd + 1
        }
      }
    }
  }

  /// Adds a word given by its syllable keys.
  mutating func insert(_ keys: [UInt64]) {
    guard keys.count >= 2, keys.count <= Self.maximumLength else { return }
    var hash = keys[0]
    for index in 1..<keys.count {
      hash = combine(hash, keys[index])
      let isLast = index == keys.count - 1
      let added = set(hash, isLast ? Self.isWord : Self.isPrefix)
      if isLast && added { count += 1 }
    }
    longestWord = max(longestWord, keys.count)
  }

  /// Sets a flag; returns whether the key lacked it.
  private mutating func set(_ key: UInt64, _ flag: UInt8) -> Bool {
    // At most half full, so that probes stay short.
    if (slotsUsed + 1) * 2 > slots.count { grow() }
    let key = key == 0 ? 1 : key
    var index = Int(truncatingIfNeeded: mix(key)) & mask
    while slots[index] != 0 && slots[index] != key { index = (index + 1) & mask }
    if slots[index] == 0 {
      slots[index] = key
      slotsUsed += 1
    }
    let had = flags[index] & flag != 0
    flags[index] |= flag
    return !had
  }

  private mutating func grow() {
    let oldSlots = slots
    let oldFlags = flags
    slots = [UInt64](repeating: 0, count: oldSlots.count * 2)
    flags = [UInt8](repeating: 0, count: oldSlots.count * 2)
    mask = slots.count - 1
    for (key, flag) in zip(oldSlots, oldFlags) where key != 0 {
      var index = Int(truncatingIfNeeded: mix(key)) & mask
      while slots[index] != 0 { index = (index + 1) & mask }
      slots[index] = key
      flags[index] = flag
    }
  }

  /// The flags of a combined key (0 when absent).
  @inline(__always)
  func flags(of key: UInt64) -> UInt8 {
    let key = key == 0 ? 1 : key
    var index = Int(truncatingIfNeeded: mix(key)) & mask
    return slots.withUnsafeBufferPointer { slots in
      while true {
        let slot = slots[index]
        if slot == key { return flags[index] }
        if slot == 0 { return 0 }
        index = (index + 1) & mask
      }
    }
  }

  /// For each position, a bit mask of the lengths of lexicon words starting there (bit L set:
  /// the L keys from the position form a word).
  func matches(_ keys: UnsafeBufferPointer<UInt64>, into starts: UnsafeMutableBufferPointer<UInt16>)
  {
    let n = keys.count
    for start in 0..<n {
      var bits: UInt16 = 0
      var hash = keys[start]
      var end = start + 1
      while end < n, end - start < Self.maximumLength {
        hash = combine(hash, keys[end])
        let found = flags(of: hash)
        if found == 0 { break }
        end += 1
        if found & Self.isWord != 0 { bits |= 1 << (end - start) }
      }
      starts[start] = bits
    }
  }

  /// Whether the syllables, given as text ("hòa bình"), form a word.
  public func contains(_ word: String) -> Bool {
    let bytes = Array(word.utf8)
    let keys = bytes.withUnsafeBufferPointer { SyllableSplitter().keys($0, 0..<$0.count) }
    guard keys.count >= 2 else { return false }
    var hash = keys[0]
    for key in keys.dropFirst() { hash = combine(hash, key) }
    return flags(of: hash) & Self.isWord != 0
  }
}

/// Splits a lexicon line into syllables at spaces and underscores and keys them.
struct SyllableSplitter {
  let alphabet = VietnameseAlphabet.shared
  let orthography = Orthography.bundled

  func keys(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt64] {
    guard let p = buffer.baseAddress else { return [] }
    var keys: [UInt64] = []
    var i = range.lowerBound
    while i < range.upperBound {
      while i < range.upperBound, isSeparator(p[i]) { i += 1 }
      let start = i
      while i < range.upperBound, !isSeparator(p[i]) { i += 1 }
      if i > start {
        keys.append(
          SyllableKey.make(
            p, start..<i, kind: .syllable, alphabet: alphabet, orthography: orthography
          ).value)
      }
    }
    return keys
  }

  private func isSeparator(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == UInt8(ascii: "_") || byte == 0x09 || byte == 0x0D
  }
}
