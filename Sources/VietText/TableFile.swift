#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads vitext's data files: UTF-8 text, `#` comment lines (source, licence, columns), and one
/// row a line with tab-separated fields.
///
/// Data lives in files rather than Swift literals so that it can be reviewed and replaced on its
/// own, and because large literals compile slowly.
public enum TableFile {
  /// The bytes of a data file (a bundled resource, found by the module that owns it).
  public static func contents(ofFile path: String?, resource: String) throws(TableFormatError)
    -> [UInt8]
  {
    guard let path, let file = fopen(path, "rb") else {
      throw TableFormatError(
        resource: resource, line: 0, reason: "bundled resource not found next to the executable")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if count == 0 { break }
      bytes += buffer[..<count]
    }
    guard ferror(file) == 0 else {
      throw TableFormatError(resource: resource, line: 0, reason: "read error")
    }
    return bytes
  }

  /// The rows of a table file, each with its 1-based line number.
  ///
  /// - Throws: `TableFormatError` when the bytes are not UTF-8 or a row has the wrong number of
  ///   fields.
  public static func rows(
    _ bytes: [UInt8], resource: String, columns: ClosedRange<Int>
  ) throws(TableFormatError) -> [(line: Int, fields: [String])] {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw TableFormatError(resource: resource, line: 0, reason: "not UTF-8")
    }
    var rows: [(line: Int, fields: [String])] = []
    var lineNumber = 0
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      lineNumber += 1
      if line.isEmpty || line.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard columns.contains(fields.count) else {
        throw TableFormatError(
          resource: resource, line: lineNumber,
          reason: "expected \(columns) tab-separated fields, found \(fields.count)")
      }
      rows.append((lineNumber, fields))
    }
    return rows
  }
}

/// A data file could not be read or parsed. Line numbers are 1-based (0: the whole file).
public struct TableFormatError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The data file's name (e.g. "abbreviations.tsv").
  public var resource: String
  /// The 1-based line at fault; 0 for the whole file.
  public var line: Int
  /// What is wrong with it.
  public var reason: String

  /// An error at `line` of `resource`.
  public init(resource: String, line: Int, reason: String) {
    self.resource = resource
    self.line = line
    self.reason = reason
  }

  /// `resource:line: reason`, as compilers report.
  public var description: String { "\(resource):\(line): \(reason)" }
}
