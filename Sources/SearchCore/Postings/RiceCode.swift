/// Positions as Rice codes (format 4): a term's positions in a document are f gaps, each split
/// into a quotient written in unary and a remainder of k bits, where k follows from what the
/// reader already knows, the document's length L and the term's frequency f in it, so it is
/// never stored.
///
/// The quotients and the remainders of a term go to two separate bit streams. A phrase query
/// passes over the positions of most postings it walks; in the unary stream that is a popcount
/// per 64 bits, and in the remainder stream one addition of k × f bits per posting, where a
/// single interleaved stream would have to be decoded value by value.
///
/// Measured on the gov benchmark index (Benchmarks/scripts/index_size_bounds.py): 25.6 MB of
/// positions against 31.6 MB as LEB128 varints; the combinatorial bound is 25.0 MB.
enum RiceCode {
  /// The largest k with (f + 1) × 2^k ≤ L, and 0 when there is none: f positions spread over L
  /// tokens leave gaps of about L / (f + 1). Two bit lengths and a shift, no division, since the
  /// readers compute it for every posting they pass.
  @inline(__always)
  static func parameter(length: UInt32, frequency: UInt32) -> Int {
    let slots = UInt64(frequency) &+ 1
    let length = UInt64(length)
    guard length >= slots << 1 else { return 0 }
    var k = slots.leadingZeroBitCount - length.leadingZeroBitCount
    if slots << UInt64(k) > length { k -= 1 }
    return k
  }
}

/// A growing run of bits, least significant bit first: one of a term's two position streams
/// while a segment is built. Bits gather in a register and reach the array four bytes at a time,
/// since a segment's build appends two codes for every token.
struct BitStream {
  /// Whole bytes written so far.
  private var bytes: [UInt8] = []
  /// Bits not yet in `bytes`, the first in bit 0.
  private var pending: UInt64 = 0
  private var pendingCount = 0

  var bitCount: Int { bytes.count * 8 + pendingCount }
  var byteCount: Int { bytes.count + (pendingCount + 7) / 8 }

  /// Every bit, the last byte padded with zeros.
  var finishedBytes: [UInt8] {
    var finished = bytes
    var rest = pending
    for _ in 0..<((pendingCount + 7) / 8) {
      finished.append(UInt8(truncatingIfNeeded: rest))
      rest >>= 8
    }
    return finished
  }

  /// Appends the low `bits` bits of `value` (`bits` ≤ 56; `value` has no higher bit set).
  @inline(__always)
  mutating func append(_ value: UInt64, bits: Int) {
    if pendingCount + bits > 64 { flush() }
    pending |= value << UInt64(pendingCount)
    pendingCount += bits
    if pendingCount >= 32 { flush() }
  }

  /// Moves the pending bits' whole bytes to `bytes`, four at a time while it can.
  @inline(__always)
  private mutating func flush() {
    while pendingCount >= 32 {
      withUnsafeBytes(of: UInt32(truncatingIfNeeded: pending).littleEndian) {
        bytes.append(contentsOf: $0)
      }
      pending >>= 32
      pendingCount -= 32
    }
    while pendingCount >= 8 {
      bytes.append(UInt8(truncatingIfNeeded: pending))
      pending >>= 8
      pendingCount -= 8
    }
  }

  /// Appends `quotient` zeros and a one.
  @inline(__always)
  mutating func appendUnary(_ quotient: UInt64) {
    var quotient = quotient
    while quotient >= 48 {
      append(0, bits: 48)
      quotient -= 48
    }
    append(1 << quotient, bits: Int(quotient) + 1)
  }

  /// Appends the Rice codes of `positions` (ascending) in a document of `length` tokens: the
  /// quotients to `unary`, the remainders to `remainders`. Gaps count from one past the previous
  /// position, the first from −1, so none is negative.
  static func appendPositions(
    _ positions: UnsafeBufferPointer<UInt32>, length: UInt32, unary: inout BitStream,
    remainders: inout BitStream
  ) {
    let k = RiceCode.parameter(length: length, frequency: UInt32(positions.count))
    let mask: UInt64 = (1 << UInt64(k)) - 1
    var next: UInt64 = 0
    for position in positions {
      // Positions of one key never decrease; a repeated one is written as the next.
      let gap = UInt64(position) >= next ? UInt64(position) - next : 0
      next += gap + 1
      unary.appendUnary(gap >> UInt64(k))
      remainders.append(gap & mask, bits: k)
    }
  }
}

/// Reads one term's positions: its unary and remainder streams, with a bit cursor in each.
/// Reading past either stream's end marks the reader damaged; it never traps.
struct RicePositionReader {
  private let unary: UnsafeRawBufferPointer
  private let remainders: UnsafeRawBufferPointer
  private let unaryBits: Int
  private let remainderBits: Int
  /// The next unread bit of each stream.
  private var unaryBit = 0
  private var remainderBit = 0
  /// The unary bits from `unaryBit` on that are already loaded; zero means "load again".
  private var word: UInt64 = 0
  private(set) var isDamaged = false

  /// A term's positions region: a varint, the unary stream's length in bytes, then that stream,
  /// then the remainder stream.
  init(region: UnsafeRawBufferPointer) {
    var offset = 0
    if region.isEmpty {
      self.init(unary: region, remainders: region)
    } else if let length = VarInt.read(region, &offset), Int(length) <= region.count - offset {
      let split = offset + Int(length)
      self.init(
        unary: UnsafeRawBufferPointer(rebasing: region[offset..<split]),
        remainders: UnsafeRawBufferPointer(rebasing: region[split...]))
    } else {
      self.init(
        unary: UnsafeRawBufferPointer(start: nil, count: 0),
        remainders: UnsafeRawBufferPointer(start: nil, count: 0))
      isDamaged = true
    }
  }

  private init(unary: UnsafeRawBufferPointer, remainders: UnsafeRawBufferPointer) {
    self.unary = unary
    self.remainders = remainders
    unaryBits = unary.count * 8
    remainderBits = remainders.count * 8
  }

  /// Moves both cursors to the given bits (a skip entry's).
  mutating func seek(unaryBit: Int, remainderBit: Int) {
    self.unaryBit = unaryBit
    self.remainderBit = remainderBit
    word = 0
  }

  /// The bits of `bytes` from `bit` on, as many as one load gives (at least 57), zeros past the
  /// end.
  @inline(__always)
  private static func load(_ bytes: UnsafeRawBufferPointer, at bit: Int) -> UInt64 {
    let byte = bit >> 3
    if byte + 8 <= bytes.count {
      return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
        >> UInt64(bit & 7)
    }
    var value: UInt64 = 0
    var index = byte
    while index < bytes.count {
      value |= UInt64(bytes[index]) << UInt64(8 * (index - byte))
      index += 1
    }
    return value >> UInt64(bit & 7)
  }

  /// Whether `count` more remainders of `k` bits lie inside the stream: checked once per
  /// document, so that its gaps are read without a check each (`nextGapInBounds`).
  @inline(__always)
  func holdsRemainders(_ count: Int, parameter k: Int) -> Bool {
    remainderBit + count * k <= remainderBits
  }

  /// Marks the reader damaged; false, for `guard … else { return reader.markDamaged() }`.
  mutating func markDamaged() -> Bool { damaged() != nil }

  /// The next gap of a document whose parameter is `k`, its remainder known to be in the
  /// stream (`holdsRemainders`); nil when the unary stream ends inside it.
  @inline(__always)
  mutating func nextGapInBounds(parameter k: Int) -> UInt32? {
    var quotient = 0
    while word == 0 {
      guard unaryBit < unaryBits else { return damaged() }
      word = Self.load(unary, at: unaryBit)
      if word != 0 { break }
      // At least 57 zeros of one long quotient.
      let step = 64 - (unaryBit & 7)
      quotient += step
      unaryBit += step
    }
    let zeros = word.trailingZeroBitCount
    word = (word &>> UInt64(zeros)) &>> 1
    unaryBit &+= zeros &+ 1
    quotient &+= zeros
    let remainder = Self.load(remainders, at: remainderBit) & ((1 &<< UInt64(k)) &- 1)
    remainderBit &+= k
    return UInt32(truncatingIfNeeded: UInt64(quotient) &<< UInt64(k) | remainder)
  }

  /// Decodes `count` positions of a document of parameter `k` into `target`.
  @inline(__always)
  mutating func read(_ count: Int, parameter k: Int, into target: UnsafeMutablePointer<UInt32>)
    -> Bool
  {
    guard holdsRemainders(count, parameter: k) else { return markDamaged() }
    var position = UInt32.max
    for index in 0..<count {
      guard let gap = nextGapInBounds(parameter: k) else { return false }
      position = position &+ gap &+ 1
      target[index] = position
    }
    return true
  }

  /// Passes over `values` positions whose remainders take `bits` bits in all, without decoding
  /// them: ones counted a word at a time in the unary stream, one addition in the other.
  mutating func skip(values: Int, remainderBits bits: Int) -> Bool {
    remainderBit += bits
    guard remainderBit <= remainderBits else { return markDamaged() }
    var remaining = values
    var bit = unaryBit
    while remaining > 0 {
      guard bit < unaryBits else { return markDamaged() }
      var loaded = Self.load(unary, at: bit)
      let ones = loaded.nonzeroBitCount
      if ones >= remaining {
        // The remaining-th one ends the last value skipped.
        for _ in 1..<remaining { loaded &= loaded &- 1 }
        bit += loaded.trailingZeroBitCount + 1
        remaining = 0
      } else {
        remaining -= ones
        bit += 64 - (bit & 7)
      }
    }
    unaryBit = bit
    word = 0
    return true
  }

  private mutating func damaged() -> UInt32? {
    isDamaged = true
    unaryBit = unaryBits
    remainderBit = remainderBits
    word = 0
    return nil
  }
}
