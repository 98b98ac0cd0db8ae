/// A set of phrases (token-key sequences) with a value each, matched longest-first at a token.
///
/// A trie whose edges live in one hash table keyed by (node, token key): one lookup per token
/// walked, and walking stops at the first token no phrase continues with, so a text costs about
/// one lookup per token per table.
struct PhraseTable<Value: Sendable>: Sendable {
  private var edges: [Edge: Int32] = [:]
  private var values: [Value?] = [nil]
  /// Tokens in the longest phrase.
  private(set) var longest = 0

  private struct Edge: Hashable {
    var node: Int32
    var key: UInt64
  }

  init() {}

  /// Adds a phrase; a phrase added twice keeps the value `merge` makes of the old and new ones.
  mutating func insert(_ keys: [UInt64], _ value: Value, merge: (Value, Value) -> Value = { _, new in new }) {
    guard !keys.isEmpty else { return }
    var node: Int32 = 0
    for key in keys {
      let edge = Edge(node: node, key: key)
      if let next = edges[edge] {
        node = next
      } else {
        let next = Int32(values.count)
        values.append(nil)
        edges[edge] = next
        node = next
      }
    }
    values[Int(node)] = values[Int(node)].map { merge($0, value) } ?? value
    longest = max(longest, keys.count)
  }

  /// The longest phrase starting at `start` in `keys` (not reaching `limit`), as its token count
  /// and value.
  func longestMatch(in keys: [UInt64], at start: Int, limit: Int? = nil) -> (length: Int, value: Value)? {
    let end = min(limit ?? keys.count, keys.count)
    var node: Int32 = 0
    var best: (Int, Value)?
    var index = start
    while index < end, let next = edges[Edge(node: node, key: keys[index])] {
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
    while index < keys.count, let next = edges[Edge(node: node, key: keys[index])] {
      node = next
      index += 1
      if let value = values[Int(next)] { found.append((index - start, value)) }
    }
    return found
  }
}
