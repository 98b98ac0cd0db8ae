/// Gives each distinct term key a dense number, without allocating per key: keys live end to
/// end in one arena and an open-addressing table of term numbers finds them by hash.
///
/// A build sees a token every six bytes of text; a `Dictionary<[UInt8], UInt32>` would allocate
/// an array for every one of them just to look it up.
struct TermInterner {
  private(set) var arena: [UInt8] = []
  /// Start of each term's key in `arena`, plus the end of the last.
  private(set) var starts: [UInt32] = [0]
  private var hashes: [UInt64] = []
  /// Term number + 1 per slot; 0 marks an empty slot. The count is a power of two.
  private var slots: [UInt32] = Array(repeating: 0, count: 1 << 12)

  var count: Int { hashes.count }

  var arenaBytes: Int { arena.count + 16 * hashes.count + 4 * slots.count }

  /// Eight bytes at a time (a key is a syllable of a few bytes: mostly one or two words), then
  /// murmur3's finalizer, since slots are picked by the low bits.
  @inline(__always)
  static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
    var hash = UInt64(key.count) &* 0x9E37_79B9_7F4A_7C15
    var index = 0
    while index + 8 <= key.count {
      hash =
        (hash ^ key.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
      hash ^= hash >> 32
      index += 8
    }
    if index < key.count {
      var tail: UInt64 = 0
      for offset in index..<key.count {
        tail |= UInt64(key[offset]) << UInt64(8 * (offset - index))
      }
      hash = (hash ^ tail) &* 0xFF51_AFD7_ED55_8CCD
    }
    hash ^= hash >> 33
    hash = hash &* 0xC4CE_B9FE_1A85_EC53
    return hash ^ (hash >> 33)
  }

  /// The number of `key`, assigned now if the key is new.
  mutating func intern(_ key: UnsafeRawBufferPointer) -> UInt32 {
    let hash = Self.hash(key)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { break }
      let id = Int(entry - 1)
      if hashes[id] == hash && equals(id, key) { return UInt32(id) }
      slot = (slot + 1) & mask
    }
    let id = UInt32(hashes.count)
    hashes.append(hash)
    arena.append(contentsOf: key)
    starts.append(UInt32(arena.count))
    slots[slot] = id + 1
    if hashes.count * 2 > slots.count { grow() }
    return id
  }

  /// The key of term `id`.
  func withKey<R>(_ id: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    arena.withUnsafeBytes {
      body(UnsafeRawBufferPointer(rebasing: $0[Int(starts[id])..<Int(starts[id + 1])]))
    }
  }

  private func equals(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    let start = Int(starts[id])
    let end = Int(starts[id + 1])
    guard end - start == key.count else { return false }
    return arena.withUnsafeBytes { arena in
      key.count == 0 || memcmp(arena.baseAddress! + start, key.baseAddress!, key.count) == 0
    }
  }

  private mutating func grow() {
    var grown = [UInt32](repeating: 0, count: slots.count * 2)
    let mask = grown.count - 1
    for (id, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while grown[slot] != 0 { slot = (slot + 1) & mask }
      grown[slot] = UInt32(id + 1)
    }
    slots = grown
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
