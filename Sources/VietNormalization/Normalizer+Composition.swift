import VietICU
import VietText

extension Normalizer {
  /// NFC of `input`, or nil when it is NFC already.
  ///
  /// Scans for code points that are not NFC-safe (combining marks, singletons, anything outside
  /// the BMP) and hands ICU the stretch from the whitespace before each to the end of its line
  /// (at most about 64 KiB): decomposed text arrives a line or a file at a time, and one ICU call
  /// a line costs far less than one a word. ASCII whitespace is a safe place to cut: it never
  /// composes with what precedes or follows it, so NFC of the pieces equals NFC of the whole.
  func composeNFC(_ input: UnsafeBufferPointer<UInt8>) throws(ICUError) -> [UInt8]? {
    guard let p = input.baseAddress else { return nil }
    let n = input.count
    let safe = classes.nfcSafe
    var out: [UInt8] = []
    var copied = 0
    var i = 0
    while i < n {
      while i + 8 <= n,
        UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        i += 8
      }
      if i >= n { break }
      if p[i] < 0x80 {
        i += 1
        continue
      }
      let (scalar, length) = UTF8Scanning.decode(p, at: i)
      if scalar < 0x10000, safe[Int(scalar)] != 0 {
        i += length
        continue
      }

      var start = i
      while start > copied, !Self.isASCIIWhitespace(p[start - 1]) { start -= 1 }
      let limit = min(n, i + 65_536)
      var end = i + length
      while end < limit, p[end] != 0x0A { end += 1 }
      if end == limit && limit < n {
        // A very long line: stop at its last space before the limit (or go on to the next).
        var cut = end
        while cut > i + length, !Self.isASCIIWhitespace(p[cut - 1]) { cut -= 1 }
        if cut > i + length {
          end = cut
        } else {
          while end < n, !Self.isASCIIWhitespace(p[end]) { end += 1 }
        }
      }
      if out.isEmpty { out.reserveCapacity(n) }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<start]))
      out.append(
        contentsOf: try ICU.normalize(UnsafeBufferPointer(rebasing: input[start..<end]), to: .nfc))
      copied = end
      i = end
    }
    if copied == 0 { return nil }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<n]))
    return out
  }

  @inline(__always)
  static func isASCIIWhitespace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
  }
}
