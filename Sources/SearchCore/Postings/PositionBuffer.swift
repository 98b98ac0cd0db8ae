/// A reusable, growable run of positions: a phrase check's scratch space, written through a
/// pointer so the innermost loop pays no copy-on-write checks (swift-nio's `ByteBuffer` idea,
/// for `UInt32`s). One search owns it; it is never shared.
final class PositionBuffer {
  private(set) var base: UnsafeMutablePointer<UInt32>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int = 256) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  var isEmpty: Bool { count == 0 }

  var elements: UnsafeMutableBufferPointer<UInt32> { UnsafeMutableBufferPointer(start: base, count: count) }

  func removeAll() { count = 0 }

  @inline(__always)
  func append(_ value: UInt32) {
    if count == capacity { grow(to: count + 1) }
    base[count] = value
    count += 1
  }

  /// Room for `extra` more values, returned as a pointer past the last; `commit(_:)` counts them.
  @inline(__always)
  func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt32> {
    if count + extra > capacity { grow(to: count + extra) }
    return base + count
  }

  @inline(__always)
  func commit(_ written: Int) { count += written }

  /// Keeps the first `kept` values.
  func truncate(to kept: Int) { count = min(count, kept) }

  /// Sorts the values. They arrive as a few sorted runs (one per spelling of a term), mostly
  /// short: insertion sort handles those without the standard sort's merge buffers.
  func sort() {
    guard count > 48 else {
      for index in 1..<max(1, count) {
        let value = base[index]
        var hole = index
        while hole > 0 && base[hole - 1] > value {
          base[hole] = base[hole - 1]
          hole -= 1
        }
        base[hole] = value
      }
      return
    }
    var values = elements
    values.sort()
  }

  private func grow(to needed: Int) {
    let grown = max(needed, capacity * 2)
    let larger = UnsafeMutablePointer<UInt32>.allocate(capacity: grown)
    larger.update(from: base, count: count)
    base.deallocate()
    base = larger
    capacity = grown
  }
}
