import VietDocuments
import VietText

/// JSON Lines input shared by the commands that read corpora (the reading itself is
/// `VietDocuments.JSONLinesDocuments`: a line at a time, gzip checked to its end).
package enum JSONLines {
  /// Whether a file is read as JSON Lines by its name: `.jsonl`, or `.jsonl.gz` compressed.
  package static func isJSONL(_ path: String) -> Bool { CorpusReader.isJSONL(path) }

  /// What to tell a user whose JSON text is not UTF-8 (JSON is UTF-8 by definition, so only
  /// repair helps).
  package static let invalidUTF8Hint = "use --lossy to replace invalid bytes with U+FFFD"

  /// Calls `body` with each non-blank line of `bytes` (a whole input already in memory) and its
  /// 1-based number.
  package static func forEachLine(
    in bytes: [UInt8], _ body: (ArraySlice<UInt8>, Int) throws -> Void
  ) throws {
    for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
    where !isBlank(line) {
      try body(line, index + 1)
    }
  }

  /// Whether a line holds only spaces, tabs and a carriage return (skipped, not an error).
  package static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
    line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  }

  /// "1 document", "2 documents".
  package static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
  }
}

/// Reports each record skipped under `--skip-bad-records` on stderr (a skip is never silent).
package func reportSkipped(_ error: any Error) {
  note("skipped: \(error)")
}
