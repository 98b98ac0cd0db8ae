/// Term occurrences of one document in one flat buffer: what an analysis chain computes on one
/// thread and hands, whole, to the writer's `TermSink` on another (vitext: entity keys).
public struct DocumentTerms: Sendable {
  /// Keys (field byte first) back to back; `ends` cuts them.
  public var keys: [UInt8] = []
  /// The end of each term's key in `keys`, one per term occurrence.
  public var ends: [UInt32] = []
  /// The position of each term occurrence, in the order they were appended.
  public var positions: [UInt32] = []

  /// Starts an empty list.
  public init() {}

  /// The number of term occurrences appended.
  public var count: Int { ends.count }

  /// Appends one occurrence: `key` (field byte first) at token `position`.
  @inline(__always)
  public mutating func append(_ key: UnsafeRawBufferPointer, position: UInt32) {
    keys.append(contentsOf: key)
    ends.append(UInt32(keys.count))
    positions.append(position)
  }

  /// Calls `body` with each term's key and position, in order.
  public func forEach(_ body: (UnsafeRawBufferPointer, UInt32) throws -> Void) rethrows {
    try keys.withUnsafeBytes { keys in
      var start = 0
      for index in ends.indices {
        let end = Int(ends[index])
        try body(UnsafeRawBufferPointer(rebasing: keys[start..<end]), positions[index])
        start = end
      }
    }
  }
}
