import VietSearch

extension SynonymTable {
  /// Reads a `--synonyms` table named on the command line (`vitext search`, `vitext-serve`):
  /// a file that cannot be read is `CLIError.unreadable` (exit 66), a malformed row
  /// `CLIError.malformed` with its line (exit 65).
  package init(commandLineFile path: String) throws {
    do {
      self = try SynonymTable(file: path)
    } catch {
      if error.line == 0 { throw CLIError.unreadable(path: path, reason: error.reason) }
      throw CLIError.malformed(path: path, line: error.line, reason: error.reason)
    }
  }
}
