/// Input that could not be read completely and correctly: a missing or unreadable file, damaged
/// or cut-off gzip data, a JSON Lines record that is not what it should be, a format whose bytes
/// hold no text, or a program a format needs that is missing, too slow or too talkative.
///
/// The library says what is wrong and where (for a missing program, the Debian package that has
/// it); a command-line tool adds what to run.
public struct DocumentReadError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What kind of failure, open for new codes as GRDB's `ResultCode` is.
  public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The code as messages and logs spell it ("truncated-gzip").
    public var rawValue: String
    /// A code, known or new.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The code's spelling.
    public var description: String { rawValue }

    /// The file or folder does not exist.
    public static let missing = Code(rawValue: "missing")
    /// The file exists but may not be read (EACCES).
    public static let permissionDenied = Code(rawValue: "permission-denied")
    /// The operating system failed to read (EIO, a folder where a file was expected …).
    public static let io = Code(rawValue: "io")
    /// A `.gz` file that does not start with gzip's magic bytes.
    public static let notGzip = Code(rawValue: "not-gzip")
    /// Gzip data that ends before its end-of-stream marker and trailer.
    public static let truncatedGzip = Code(rawValue: "truncated-gzip")
    /// Gzip data that fails to decompress or whose CRC-32 or length does not match.
    public static let damagedGzip = Code(rawValue: "damaged-gzip")
    /// A JSON Lines record that is not a JSON object.
    public static let jsonSyntax = Code(rawValue: "json-syntax")
    /// A JSON object without the member a document needs, or with it of the wrong type.
    public static let missingField = Code(rawValue: "missing-field")
    /// A member present with a value that cannot be used ("id": "").
    public static let invalidField = Code(rawValue: "invalid-field")
    /// A record or document larger than the limit the reader was given.
    public static let tooLarge = Code(rawValue: "too-large")
    /// A document's bytes are damaged, in no format vitext reads, or hold no text.
    public static let unreadable = Code(rawValue: "unreadable")
    /// A program the format needs is not installed.
    public static let missingProgram = Code(rawValue: "missing-program")
    /// A program ran past its time limit or wrote more than the output limit.
    public static let programLimit = Code(rawValue: "program-limit")
    /// A program exited with a failure status.
    public static let programFailed = Code(rawValue: "program-failed")
  }

  /// The name messages, errors and document ids give standard input, the same in every command.
  public static let standardInputName = "<stdin>"

  /// What kind of failure, for a caller choosing what to do (an exit code, skipping a record).
  public var code: Code
  /// The file, or `standardInputName`.
  public var source: String
  /// The 1-based line of a JSON Lines record, when the failure is in one.
  public var line: Int?
  /// A byte offset: into the (compressed) file for gzip failures, into the line for JSON ones.
  public var byteOffset: Int?
  /// What is wrong, in words.
  public var reason: String

  /// An error of kind `code` in `source` (at `line` and `byteOffset` when known), saying `reason`.
  public init(
    _ code: Code, source: String, line: Int? = nil, byteOffset: Int? = nil, _ reason: String
  ) {
    self.code = code
    self.source = source
    self.line = line
    self.byteOffset = byteOffset
    self.reason = reason
  }

  /// `source[:line]: reason`, the line a command-line tool prints after its name.
  public var description: String {
    var place = source
    if let line { place += ":\(line)" }
    return "\(place): \(reason)"
  }
}
