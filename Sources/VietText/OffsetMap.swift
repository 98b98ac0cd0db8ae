/// Maps code-point offsets in normalized text back to the NFC form of the input it came from.
///
/// Only the clean-up step changes the number of code points (it removes zero-width characters,
/// soft hyphens, controls and the CR of CRLF; tone placement, folding and Vietnamese case mapping
/// keep the count), so the map stores one entry per removal and costs nothing when the input was
/// clean. This is Lucene's `CharFilter.correctOffset`, applied to code points because every JSON
/// output of vitext reports Python `str` indices.
public struct OffsetMap: Sendable, Equatable {
  /// Normalized offsets at which removals happened, ascending.
  @usableFromInline var positions: [Int] = []
  /// The running total of (original − normalized) code points at the matching position.
  @usableFromInline var removedSoFar: [Int] = []

  /// The identity map: nothing removed, offsets equal.
  public init() {}

  /// True when normalized and original offsets are the same everywhere.
  public var isIdentity: Bool { positions.isEmpty }

  /// Records that the original had `count` more code points than the normalized text just
  /// before normalized offset `position` (negative when a mapping expanded a character;
  /// positions must not decrease).
  public mutating func recordRemoval(at position: Int, count: Int = 1) {
    let total = (removedSoFar.last ?? 0) + count
    if let last = positions.last, last == position {
      removedSoFar[removedSoFar.count - 1] = total
    } else {
      positions.append(position)
      removedSoFar.append(total)
    }
  }

  /// The original offset of a span start at normalized `offset` (removed characters just before
  /// it are skipped).
  public func originalStart(_ offset: Int) -> Int {
    offset + removed(upTo: offset, inclusive: true)
  }

  /// The original offset of a span end at normalized `offset` (removed characters just before it
  /// belong to the span only when they sat inside it).
  public func originalEnd(_ offset: Int) -> Int { offset + removed(upTo: offset, inclusive: false) }

  private func removed(upTo offset: Int, inclusive: Bool) -> Int {
    if positions.isEmpty { return 0 }
    var low = 0
    var high = positions.count
    while low < high {
      let mid = (low + high) / 2
      if positions[mid] < offset || (inclusive && positions[mid] == offset) {
        low = mid + 1
      } else {
        high = mid
      }
    }
    return low == 0 ? 0 : removedSoFar[low - 1]
  }

  /// Appends `other`, whose offsets start at `base` code points into this map's text and
  /// `originalBase` into the original.
  public mutating func append(_ other: OffsetMap, normalizedBase: Int) {
    let carried = removedSoFar.last ?? 0
    for (position, removed) in zip(other.positions, other.removedSoFar) {
      positions.append(position + normalizedBase)
      removedSoFar.append(removed + carried)
    }
  }
}
