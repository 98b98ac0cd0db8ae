import CICUShims

/// An ICU failure, keeping ICU's own status code so that bug reports can name it.
public struct ICUError: Error, Hashable, Sendable, CustomStringConvertible {
  /// ICU's `UErrorCode` value; always greater than zero.
  public let code: Int32

  /// The error for ICU's `UErrorCode` value `code`.
  public init(code: Int32) { self.code = code }

  /// ICU's own name for the code (`u_errorName`), such as "U_ILLEGAL_ARGUMENT_ERROR".
  public var description: String {
    guard let name = vt_error_name(code) else { return "ICU error \(code)" }
    return "ICU error \(String(cString: name))"
  }

  /// Throws when `status` is an ICU failure (warnings are negative and pass).
  @inlinable
  static func check(_ status: Int32) throws(ICUError) {
    if status > 0 { throw ICUError(code: status) }
  }
}
