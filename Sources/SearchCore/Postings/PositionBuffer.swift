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

  deinit {
    base.deallocate()
    scratch.deallocate()
  }

  var isEmpty: Bool { count == 0 }

  var elements: UnsafeMutableBufferPointer<UInt32> {
    UnsafeMutableBufferPointer(start: base, count: count)
  }

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

  /// Sorts the values. They arrive as a few sorted runs (one per spelling of a term): short
  /// ones are insertion-sorted in place; longer ones are merged run by run through a scratch
  /// buffer, which costs one pass per doubling of the runs instead of a general sort.
  func sort() {
    guard count > 32 else {
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
    runStarts.removeAll(keepingCapacity: true)
    runStarts.append(0)
    for index in 1..<count where base[index] < base[index - 1] { runStarts.append(index) }
    if runStarts.count == 1 { return }
    if scratchCapacity < count {
      scratch.deallocate()
      scratchCapacity = max(count, scratchCapacity * 2)
      scratch = .allocate(capacity: scratchCapacity)
    }
    var source = base
    var target = scratch
    while runStarts.count > 1 {
      mergedRunStarts.removeAll(keepingCapacity: true)
      var run = 0
      while run < runStarts.count {
        let low = runStarts[run]
        let middle = run + 1 < runStarts.count ? runStarts[run + 1] : count
        let high = run + 2 < runStarts.count ? runStarts[run + 2] : count
        mergedRunStarts.append(low)
        var i = low
        var j = middle
        var out = low
        while i < middle && j < high {
          if source[j] < source[i] {
            target[out] = source[j]
            j += 1
          } else {
            target[out] = source[i]
            i += 1
          }
          out += 1
        }
        while i < middle {
          target[out] = source[i]
          i += 1
          out += 1
        }
        while j < high {
          target[out] = source[j]
          j += 1
          out += 1
        }
        run += 2
      }
      swap(&runStarts, &mergedRunStarts)
      swap(&source, &target)
    }
    if source != base {
      // The sorted values ended in the scratch buffer: trade buffers instead of copying.
      let sortedCapacity = scratchCapacity
      scratch = base
      scratchCapacity = capacity
      base = source
      capacity = sortedCapacity
    }
  }

  private var runStarts: [Int] = []
  private var mergedRunStarts: [Int] = []
  private var scratch: UnsafeMutablePointer<UInt32> = .allocate(capacity: 0)
  private var scratchCapacity = 0

  private func grow(to needed: Int) {
    let grown = max(needed, capacity * 2)
    let larger = UnsafeMutablePointer<UInt32>.allocate(capacity: grown)
    larger.update(from: base, count: count)
    base.deallocate()
    base = larger
    capacity = grown
  }
}
