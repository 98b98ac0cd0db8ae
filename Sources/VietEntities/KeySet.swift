/// A set of token keys (64-bit hashes already) with open addressing and a multiplicative mix:
/// the recognizers ask it about nearly every token, and `Set<UInt64>` pays for Swift's seeded
/// SipHash on each question.
struct KeySet: Sendable {
  private var slots: [UInt64]
  /// Key 0 cannot mark an empty slot and be a member at once: it is kept apart.
  private var containsZero = false

  init(_ keys: some Sequence<UInt64>) {
    let unique = Set(keys)
    var size = 16
    while size < unique.count * 2 { size *= 2 }
    slots = Array(repeating: 0, count: size)
    let mask = size - 1
    for key in unique {
      if key == 0 {
        containsZero = true
        continue
      }
      var slot = Self.slot(key, mask: mask)
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = key
    }
  }

  @inline(__always)
  private static func slot(_ key: UInt64, mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  @inline(__always)
  func contains(_ key: UInt64) -> Bool {
    if key == 0 { return containsZero }
    let mask = slots.count - 1
    var slot = Self.slot(key, mask: mask)
    while true {
      let found = slots[slot]
      if found == key { return true }
      if found == 0 { return false }
      slot = (slot + 1) & mask
    }
  }
}

/// Per token key, which tables have an entry starting with it (`EntityLexicon.starts`): one probe
/// per token tells the tagger which recognizers can match there.
struct KeyFlags: Sendable {
  /// A document type word starts with the key.
  static let documentType: UInt8 = 1
  /// A title word (rank, prefix, head, member) starts with it.
  static let title: UInt8 = 2
  /// A unit word starts with it.
  static let unit: UInt8 = 4
  /// It is a family name.
  static let surname: UInt8 = 8

  private var keys: [UInt64]
  private var flags: [UInt8]
  /// Key 0 cannot mark an empty slot and be a member at once: its flags are kept apart.
  private var zeroFlags: UInt8 = 0

  /// The table of `entries`' flags, or-ed together where a key repeats.
  init(_ entries: [(key: UInt64, flag: UInt8)]) {
    var merged: [UInt64: UInt8] = [:]
    for entry in entries { merged[entry.key, default: 0] |= entry.flag }
    var size = 16
    while size < merged.count * 2 { size *= 2 }
    keys = Array(repeating: 0, count: size)
    flags = Array(repeating: 0, count: size)
    let mask = size - 1
    for (key, flag) in merged {
      if key == 0 {
        zeroFlags = flag
        continue
      }
      var slot = Self.slot(key, mask: mask)
      while keys[slot] != 0 { slot = (slot + 1) & mask }
      keys[slot] = key
      flags[slot] = flag
    }
  }

  @inline(__always)
  private static func slot(_ key: UInt64, mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  /// The flags of `key`; 0 when no table has an entry starting with it.
  @inline(__always)
  func flags(of key: UInt64) -> UInt8 {
    if key == 0 { return zeroFlags }
    let mask = keys.count - 1
    var slot = Self.slot(key, mask: mask)
    while true {
      let found = keys[slot]
      if found == key { return flags[slot] }
      if found == 0 { return 0 }
      slot = (slot + 1) & mask
    }
  }
}
