import ArgumentParser
import SearchCore
import VietDocuments

/// The exit codes of every vitext command, listed once (sysexits.h values): the top-level help
/// prints this table, and each kind of error is given its code here, so the commands name a case
/// and never a number.
package enum ExitStatus: Int32, CaseIterable {
  /// A bad option, argument or query (EX_USAGE; also what argument-parser exits with).
  case usage = 64
  /// Input that is damaged, cut short, not UTF-8 or otherwise malformed (EX_DATAERR).
  case dataError = 65
  /// An input file or index that is missing or not readable (EX_NOINPUT).
  case noInput = 66
  /// A program a document format needs is not installed (EX_UNAVAILABLE).
  case unavailable = 69
  /// vitext's own data (ICU, shipped tables) failed (EX_SOFTWARE).
  case software = 70
  /// An output file that cannot be written (EX_CANTCREAT).
  case cannotCreate = 73
  /// Reading or writing failed in the system (EX_IOERR).
  case ioError = 74
  /// The index is locked by another writer, or the work was cancelled: try again (EX_TEMPFAIL).
  case temporaryFailure = 75

  /// What the code means, for the help text.
  package var meaning: String {
    switch self {
    case .usage: "a bad option, argument or query (a query over its budget too)"
    case .dataError: "damaged or malformed input (not UTF-8: see --lossy and --from)"
    case .noInput: "a missing or unreadable file or index"
    case .unavailable: "a program a document format needs is not installed"
    case .software: "vitext's own data failed to load"
    case .cannotCreate: "an output file cannot be written"
    case .ioError: "reading or writing failed"
    case .temporaryFailure: "the index is locked by another writer; try again"
    }
  }

  /// The table of codes, one a line, for the top-level help.
  package static var table: String {
    allCases.map { "  \($0.rawValue)  \($0.meaning)" }.joined(separator: "\n")
  }

  /// A document that could not be read: missing or not readable (permission denied) is no
  /// input, a format's program not installed is unavailable, the system failing to read is an
  /// I/O error, and damaged, cut-short or malformed data is a data error.
  package init(_ error: DocumentReadError) {
    switch error.code {
    case .missing, .permissionDenied: self = .noInput
    case .missingProgram: self = .unavailable
    case .io: self = .ioError
    default: self = .dataError
    }
  }

  /// An index that failed: none there is no input; locked or cancelled is worth trying again;
  /// damaged or foreign data is a data error; a request the index cannot serve (a query over
  /// its budget or its time included: the query has to change, not the index) is usage;
  /// otherwise the file system failed.
  package init(_ error: IndexError) {
    switch error.code {
    case .missing: self = .noInput
    case .locked, .cancelled: self = .temporaryFailure
    case .corrupt, .version: self = .dataError
    case .invalidRequest, .overBudget, .timedOut: self = .usage
    default: self = .ioError
    }
  }

  /// A file named on the command line: unreadable or not found is no input, a malformed line
  /// in it (a `--synonyms` table) is a data error, an output that cannot be written is
  /// cannot-create.
  package init(_ error: CLIError) {
    switch error {
    case .unreadable, .notFound: self = .noInput
    case .malformed: self = .dataError
    case .unwritable: self = .cannotCreate
    }
  }
}

extension ExitCode {
  /// The exit code of one of vitext's documented statuses.
  package init(_ status: ExitStatus) { self.init(status.rawValue) }
}
