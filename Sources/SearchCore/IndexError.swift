/// Why an index could not be opened, written or searched. A struct with a code and the file
/// concerned, as GRDB's `DatabaseError`: callers switch on `code`, users read `description`.
public struct IndexError: Error, Hashable, CustomStringConvertible, Sendable {
  /// The kind of failure: what a caller switches on. Its `description` is a stable short name
  /// such as `corrupt`.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    let name: String
    public var description: String { name }
    /// No index at the path (no manifest).
    public static let missing = Code(name: "missing")
    /// Another process holds the writer lock.
    public static let locked = Code(name: "locked")
    /// A file's checksum, magic number or structure is wrong.
    public static let corrupt = Code(name: "corrupt")
    /// The file system refused (permissions, disk full …).
    public static let io = Code(name: "io")
    /// The index was written by an incompatible version of vitext.
    public static let version = Code(name: "version")
    /// The caller asked for something the index cannot do (a field it lacks, too many terms).
    public static let invalidRequest = Code(name: "invalid-request")
    /// The query would visit more postings than its `QueryBudget` allows.
    public static let overBudget = Code(name: "over-budget")
    /// The query passed its `QueryBudget` deadline.
    public static let timedOut = Code(name: "timed-out")
    /// The query's caller said it no longer wants the answer (`QueryBudget.isCancelled`).
    public static let cancelled = Code(name: "cancelled")
  }

  /// The kind of failure.
  public var code: Code
  /// The file or folder concerned; empty when the failure concerns no one file (a query over
  /// budget, for example).
  public var path: String
  /// What went wrong, for a person to read.
  public var message: String

  /// Makes an error of kind `code` about the file at `path`, with `message` for a person.
  public init(_ code: Code, path: String, _ message: String) {
    self.code = code
    self.path = path
    self.message = message
  }

  public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
