import CICUShims

/// ICU run alone, as the floor that vitext's own stages are measured against in `Benchmarks/`.
public enum ICUBaselines {
  /// UTF-8 → UTF-16, done once before timing the UTF-16 baselines.
  public static func utf16(_ bytes: [UInt8]) throws(ICUError) -> [UInt16] {
    var status: Int32 = 0
    let units = bytes.withUnsafeBufferPointer { input in
      [UInt16](unsafeUninitializedCapacity: input.count + 1) { output, count in
        count = Int(
          vt_utf8_to_utf16(
            input.baseAddress, Int32(input.count), output.baseAddress,
            Int32(input.count + 1), &status))
      }
    }
    try ICUError.check(status)
    return units
  }

  /// `unorm2_normalize` (NFC) over UTF-16; returns the output length.
  public static func nfcUTF16(_ units: [UInt16], into output: inout [UInt16]) throws(ICUError)
    -> Int
  {
    var status: Int32 = 0
    if output.count < units.count * 2 { output = [UInt16](repeating: 0, count: units.count * 2) }
    let capacity = Int32(output.count)
    let n = units.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { out in
        vt_nfc_utf16(input.baseAddress, Int32(input.count), out.baseAddress, capacity, &status)
      }
    }
    try ICUError.check(status)
    return Int(n)
  }

  /// `unorm2_spanQuickCheckYes` (NFC) over UTF-16.
  public static func nfcQuickCheckSpan(_ units: [UInt16]) throws(ICUError) -> Int {
    var status: Int32 = 0
    let n = units.withUnsafeBufferPointer {
      vt_nfc_span_quick_check_yes_utf16($0.baseAddress, Int32($0.count), &status)
    }
    try ICUError.check(status)
    return Int(n)
  }

  /// Counts the boundaries ICU's iterator of `kind` finds in UTF-8 text.
  public static func countBoundaries(_ kind: BreakIterator.Kind, in bytes: [UInt8]) throws(ICUError)
    -> Int
  {
    let iterator = try BreakIterator(kind)
    var count = 0
    try bytes.withUnsafeBufferPointer { (text) throws(ICUError) in
      try iterator.forEachBoundary(in: text) { _ in count += 1 }
    }
    return count
  }
}
