import CICUShims

/// An ICU break iterator over UTF-8 bytes, reporting UTF-8 byte offsets.
///
/// ICU reads the bytes in place through `UText`; no UTF-16 copy is made. Not thread-safe: give
/// each thread its own iterator.
public final class BreakIterator {
  /// What kind of boundaries to find.
  public enum Kind: Sendable {
    /// Word boundaries (UAX #29 with ICU's Vietnamese rules): between syllables, around
    /// punctuation.
    case word
    /// Sentence boundaries (UAX #29).
    case sentence
  }

  private let handle: OpaquePointer

  /// An ICU break iterator of `kind` for `locale`. Throws the ICU status when ICU cannot open it.
  public init(_ kind: Kind, locale: String = "vi") throws(ICUError) {
    var status: Int32 = 0
    let raw = kind == .word ? Int32(VT_BREAK_WORD) : Int32(VT_BREAK_SENTENCE)
    let opened = locale.withCString { vt_breaker_open(raw, $0, &status) }
    try ICUError.check(status)
    guard let opened else { throw ICUError(code: 7) }  // U_MEMORY_ALLOCATION_ERROR
    handle = opened
  }

  deinit { vt_breaker_close(handle) }

  /// Calls `body` with each boundary after the start of `text`, in order (the last is `text.count`).
  public func forEachBoundary(
    in text: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void
  ) throws(ICUError) {
    guard let base = text.baseAddress, !text.isEmpty else { return }
    var status: Int32 = 0
    vt_breaker_set_text(handle, base, Int64(text.count), &status)
    try ICUError.check(status)
    while true {
      let next = vt_breaker_next(handle)
      if next < 0 { break }
      body(Int(next))
    }
  }
}
