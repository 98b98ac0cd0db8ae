import CGzip
import VietText

/// JSON Lines input shared by the commands that read corpora: files are read a line at a time
/// (plain or gzip-compressed), so a corpus larger than memory streams through, and each line is
/// one flat object read by `JSONRecord`.
enum JSONLines {
  /// Whether a file is read as JSON Lines by its name: `.jsonl`, or `.jsonl.gz` compressed.
  static func isJSONL(_ path: String) -> Bool { path.hasSuffix(".jsonl") || path.hasSuffix(".jsonl.gz") }

  /// Calls `body` with each line (without its newline) and its 1-based number; blank lines are
  /// skipped. Reads 4 MiB at a time and reports each chunk's size to `read`.
  static func forEachLine(
    of path: String, read: (Int) -> Void = { _ in }, _ body: (ArraySlice<UInt8>, Int) throws -> Void
  ) throws {
    // gzopen reads plain files as they are, so one reader serves .jsonl and .jsonl.gz.
    guard let file = gzopen(path, "rb") else { throw CLIError.unreadable(path: path, reason: "cannot open") }
    defer { gzclose(file) }
    var chunk = [UInt8](repeating: 0, count: 4 << 20)
    var pending: [UInt8] = []
    var number = 0
    while true {
      let count = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
      if count < 0 { throw CLIError.unreadable(path: path, reason: "damaged gzip data") }
      if count == 0 { break }
      read(Int(count))
      pending.append(contentsOf: chunk[0..<Int(count)])
      var start = 0
      while let newline = pending[start...].firstIndex(of: 0x0A) {
        number += 1
        let line = pending[start..<newline]
        if !isBlank(line) { try body(line, number) }
        start = newline + 1
      }
      pending.removeFirst(start)
    }
    if !isBlank(pending[...]) { try body(pending[...], number + 1) }
  }

  /// Calls `body` with each non-blank line of `bytes` (a whole input already in memory) and its
  /// 1-based number.
  static func forEachLine(in bytes: [UInt8], _ body: (ArraySlice<UInt8>, Int) throws -> Void) throws {
    for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !isBlank(line) {
      try body(line, index + 1)
    }
  }

  static func isBlank(_ line: ArraySlice<UInt8>) -> Bool { line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }

  /// A JSON string member's bytes as text: JSON strings are text, but `JSONRecord` only copies
  /// bytes, so they are checked here (and repaired when `lossy`).
  static func text(_ bytes: [UInt8], source: String, lossy: Bool) throws -> [UInt8] {
    guard let bad = bytes.withUnsafeBufferPointer(UTF8Scanning.firstInvalidOffset) else { return bytes }
    if lossy { return UTF8Scanning.repairing(bytes) }
    throw InvalidUTF8Error(source: source, byteOffset: bad)
  }
}
