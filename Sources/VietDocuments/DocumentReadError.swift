/// A document could not be read: the file is missing, its bytes are not a document we read, or
/// a program a format needs is missing, too slow or too talkative.
///
/// The description names the file and, for a missing program, the Debian package that has it,
/// so a user can act on the message alone.
public struct DocumentReadError: Error, CustomStringConvertible, Sendable {
  /// What kind of failure; an open set of codes, as GRDB's `ResultCode`.
  public struct Kind: RawRepresentable, Hashable, Sendable {
    /// The code's name.
    public var rawValue: String
    /// Wraps a name.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The file does not exist or cannot be opened.
    public static let missingFile = Kind(rawValue: "missing-file")
    /// The bytes are damaged, in no format we read, or hold no text.
    public static let unreadable = Kind(rawValue: "unreadable")
    /// A program the format needs is not installed.
    public static let missingProgram = Kind(rawValue: "missing-program")
    /// A program ran past its time limit or wrote more than the output limit.
    public static let programLimit = Kind(rawValue: "program-limit")
    /// A program exited with a failure status.
    public static let programFailed = Kind(rawValue: "program-failed")
  }

  /// What went wrong.
  public var kind: Kind
  /// The file it concerns.
  public var path: String
  /// A sentence for the user.
  public var reason: String

  /// Makes an error.
  public init(_ kind: Kind, path: String, reason: String) {
    self.kind = kind
    self.path = path
    self.reason = reason
  }

  /// `path: reason`.
  public var description: String { "\(path): \(reason)" }
}
