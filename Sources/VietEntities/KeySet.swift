/// A set of token keys (64-bit hashes already) with open addressing and a multiplicative mix:
/// the recognizers ask it about nearly every token, and `Set<UInt64>` pays for Swift's seeded
/// SipHash on each question.
struct KeySet: Sendable {
  private var slots: [UInt64]
  /// Key 0 cannot mark an empty slot and be a member at once: it is kept apart.
  private var containsZero = false

  init(_ keys: some Sequence<UInt64>) {
    let unique = Set(keys)
    slots = Array(repeating: 0, count: KeyTable.capacity(for: unique.count))
    for key in unique {
      if key == 0 {
        containsZero = true
        continue
      }
      let slot = KeyTable.slot(of: key, in: slots)
      slots[slot] = key
    }
  }

  @inline(__always)
  func contains(_ key: UInt64) -> Bool {
    if key == 0 { return containsZero }
    return slots[KeyTable.slot(of: key, in: slots)] == key
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
    let size = KeyTable.capacity(for: merged.count)
    keys = Array(repeating: 0, count: size)
    flags = Array(repeating: 0, count: size)
    for (key, flag) in merged {
      if key == 0 {
        zeroFlags = flag
        continue
      }
      let slot = KeyTable.slot(of: key, in: keys)
      keys[slot] = key
      flags[slot] = flag
    }
  }

  /// The flags of `key`; 0 when no table has an entry starting with it.
  @inline(__always)
  func flags(of key: UInt64) -> UInt8 {
    if key == 0 { return zeroFlags }
    let slot = KeyTable.slot(of: key, in: keys)
    return keys[slot] == key ? flags[slot] : 0
  }
}

/// The open addressing `KeySet` and `KeyFlags` share: a power-of-two array of keys, 0 marking an
/// empty slot, a multiplicative mix of the key (already a hash) and linear probing.
enum KeyTable {
  /// Slots for `count` keys: a power of two at least 16 and twice the count, so probes stay short.
  static func capacity(for count: Int) -> Int {
    var size = 16
    while size < count * 2 { size *= 2 }
    return size
  }

  /// The slot of `slots` holding `key`, or the empty slot where it goes (`key` is not 0).
  @inline(__always)
  static func slot(of key: UInt64, in slots: [UInt64]) -> Int {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    while slots[slot] != 0 && slots[slot] != key { slot = (slot + 1) & mask }
    return slot
  }
}
