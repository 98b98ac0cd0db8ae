/// A set of phrases (token-key sequences) with a value each, matched longest-first at a token.
///
/// A trie whose edges live in one hash table keyed by (node, token key): one lookup per token
/// walked, and walking stops at the first token no phrase continues with, so a text costs about
/// one lookup per token per table.
struct PhraseTable<Value: Sendable>: Sendable {
  private var edges = EdgeTable()
  private var values: [Value?] = [nil]
  /// Tokens in the longest phrase.
  private(set) var longest = 0
  /// The first token key of every phrase, each once (the trie's root edges).
  private(set) var firstKeys: [UInt64] = []

  init() {}

  /// Adds a phrase; a phrase added twice keeps the value `merge` makes of the old and new ones.
  mutating func insert(
    _ keys: [UInt64], _ value: Value, merge: (Value, Value) -> Value = { _, new in new }
  ) {
    guard !keys.isEmpty else { return }
    var node: Int32 = 0
    for key in keys {
      if let next = edges.target(from: node, key: key) {
        node = next
      } else {
        let next = Int32(values.count)
        values.append(nil)
        edges.insert(from: node, key: key, to: next)
        if node == 0 { firstKeys.append(key) }
        node = next
      }
    }
    values[Int(node)] = values[Int(node)].map { merge($0, value) } ?? value
    longest = max(longest, keys.count)
  }

  /// The longest phrase starting at `start` in `keys` (not reaching `limit`), as its token count
  /// and value.
  func longestMatch(in keys: [UInt64], at start: Int, limit: Int? = nil) -> (
    length: Int, value: Value
  )? {
    let end = min(limit ?? keys.count, keys.count)
    var node: Int32 = 0
    var best: (Int, Value)?
    var index = start
    while index < end, let next = edges.target(from: node, key: keys[index]) {
      node = next
      index += 1
      if let value = values[Int(next)] { best = (index - start, value) }
    }
    return best
  }

  /// Every phrase starting at `start`, shortest first.
  func allMatches(in keys: [UInt64], at start: Int) -> [(length: Int, value: Value)] {
    var found: [(Int, Value)] = []
    var node: Int32 = 0
    var index = start
    while index < keys.count, let next = edges.target(from: node, key: keys[index]) {
      node = next
      index += 1
      if let value = values[Int(next)] { found.append((index - start, value)) }
    }
    return found
  }
}

/// The trie's edges: open addressing over (node, key) with a multiplicative hash. Token keys are
/// already 64-bit hashes, so mixing in the node is enough; a `Dictionary` with Swift's seeded
/// SipHash spent a quarter of the tagger's time hashing.
private struct EdgeTable: Sendable {
  private var keys: [UInt64] = Array(repeating: 0, count: 64)
  private var nodes: [Int32] = Array(repeating: 0, count: 64)
  /// The child node, 0 for an empty slot (the root is never a child).
  private var targets: [Int32] = Array(repeating: 0, count: 64)
  private var count = 0

  @inline(__always)
  private static func slot(_ node: Int32, _ key: UInt64, mask: Int) -> Int {
    let mixed =
      (key ^ (UInt64(UInt32(bitPattern: node)) &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
    return Int(truncatingIfNeeded: mixed >> 32) & mask
  }

  @inline(__always)
  func target(from node: Int32, key: UInt64) -> Int32? {
    let mask = targets.count - 1
    var slot = Self.slot(node, key, mask: mask)
    while true {
      let target = targets[slot]
      if target == 0 { return nil }
      if keys[slot] == key && nodes[slot] == node { return target }
      slot = (slot + 1) & mask
    }
  }

  mutating func insert(from node: Int32, key: UInt64, to target: Int32) {
    if (count + 1) * 2 > targets.count { grow() }
    let mask = targets.count - 1
    var slot = Self.slot(node, key, mask: mask)
    while targets[slot] != 0 { slot = (slot + 1) & mask }
    keys[slot] = key
    nodes[slot] = node
    targets[slot] = target
    count += 1
  }

  private mutating func grow() {
    let old = (keys, nodes, targets)
    let size = targets.count * 2
    keys = Array(repeating: 0, count: size)
    nodes = Array(repeating: 0, count: size)
    targets = Array(repeating: 0, count: size)
    count = 0
    for index in old.2.indices where old.2[index] != 0 {
      insert(from: old.1[index], key: old.0[index], to: old.2[index])
    }
  }
}
