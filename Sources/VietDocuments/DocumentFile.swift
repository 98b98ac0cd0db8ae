/// Reads one whole document file (a text file, a FIFO, standard input) with a size limit, so a
/// file larger than memory is refused before it is read rather than after.
public enum DocumentFile {
  /// The bytes of `path` (standard input when nil).
  ///
  /// - Throws: `DocumentReadError`: `.missing`, `.permissionDenied`, `.io`, or `.tooLarge`
  ///   once more than `maxBytes` have been read.
  public static func read(path: String?, maxBytes: Int = Int.max) throws(DocumentReadError)
    -> [UInt8]
  {
    let input = try ByteSource(path: path)
    var bytes: [UInt8] = []
    var block = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = try input.read(into: &block)
      if count == 0 { return bytes }
      bytes.append(contentsOf: block[0..<count])
      if bytes.count > maxBytes {
        throw DocumentReadError(
          .tooLarge, source: input.name,
          "document larger than the limit of \(JSONLinesDocuments.megabytes(maxBytes)) (--max-document-mb); raise the limit or skip it with --skip-bad-records"
        )
      }
    }
  }

  /// Opens `path` (standard input when nil) for reading in blocks of up to `blockSize` bytes.
  ///
  /// - Throws: `DocumentReadError` `.missing`, `.permissionDenied` or `.io`.
  public static func forEachBlock(
    path: String?, blockSize: Int = 1 << 20, _ body: (ArraySlice<UInt8>) throws -> Void
  ) throws {
    let input = try ByteSource(path: path)
    var block = [UInt8](repeating: 0, count: max(1, blockSize))
    while true {
      let count = try input.read(into: &block)
      if count == 0 { return }
      try body(block[0..<count])
    }
  }
}
