import Foundation

/// Buffered standard output. Writing bytes through one buffer keeps the CLI from paying a system
/// call per line.
package final class OutputWriter {
  private var buffer: [UInt8] = []
  private let limit = 1 << 16

  /// An empty buffer of 64 KiB in front of standard output.
  package init() { buffer.reserveCapacity(limit + 4096) }

  deinit { flush() }

  /// Appends bytes, writing the buffer out when it is full.
  package func write<C: Collection<UInt8>>(_ bytes: C) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= limit { flush() }
  }

  /// Appends a string's UTF-8 bytes.
  package func write(_ string: String) { write(string.utf8) }

  /// Appends one byte.
  package func write(byte: UInt8) {
    buffer.append(byte)
    if buffer.count >= limit { flush() }
  }

  /// Writes what the buffer holds to standard output (also done when the writer goes away).
  package func flush() {
    guard !buffer.isEmpty else { return }
    buffer.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
        if written <= 0 { break }  // a closed pipe (vitext … | head): stop quietly
        offset += written
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes `bytes` as a JSON string literal (quotes included).
  package func writeJSONString<C: Collection<UInt8>>(_ bytes: C) {
    write(byte: 0x22)
    for b in bytes {
      switch b {
      case 0x22: write("\\\"")
      case 0x5C: write("\\\\")
      case 0x0A: write("\\n")
      case 0x0D: write("\\r")
      case 0x09: write("\\t")
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        write([0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
      default: write(byte: b)
      }
    }
    write(byte: 0x22)
  }
}

/// Errors the CLI reports (`ExitStatus` gives each its exit code).
package enum CLIError: Error, CustomStringConvertible {
  case unreadable(path: String, reason: String)
  case unwritable(path: String)
  /// Something named on the command line (a document id) does not exist.
  case notFound(String)
  /// A file named on the command line has a malformed line (a `--synonyms` table).
  case malformed(path: String, line: Int, reason: String)

  /// The message printed after the program's name: the path first, then what went wrong.
  package var description: String {
    switch self {
    case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
    case .unwritable(let path): "\(path): cannot write"
    case .notFound(let message): message
    case .malformed(let path, let line, let reason): "\(path):\(line): \(reason)"
    }
  }
}
