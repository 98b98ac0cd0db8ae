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
