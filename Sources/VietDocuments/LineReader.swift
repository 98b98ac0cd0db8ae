import CGzip

/// Reads a JSON Lines input a line at a time in bounded memory: plain or gzip-compressed, from
/// a file, a FIFO or standard input.
///
/// Gzip data is inflated as a stream with zlib and checked to the end: every member must reach
/// its end-of-stream marker and match its CRC-32 and length, so a file cut short (a writer
/// killed between flushes leaves one that ends cleanly at a line end) is an error naming the
/// offset instead of a silently shorter corpus. A line longer than `maxLineBytes` is never held
/// whole: it is reported as `.tooLong` once the limit is passed, and then skipped to its end
/// unless the caller throws.
///
///     let reader = try LineReader(path: "docs.jsonl.gz", maxLineBytes: 64 << 20)
///     try reader.forEachLine { line in
///       if case .record(let bytes, let number) = line { … }
///     }
public final class LineReader {
  /// What `forEachLine` hands over.
  public enum Line {
    /// A complete line without its newline (blank lines are not handed over), 1-based number.
    case record(ArraySlice<UInt8>, number: Int)
    /// A line that passed `maxLineBytes`; `prefix` holds its first bytes. Returning skips it.
    case tooLong(number: Int, prefix: ArraySlice<UInt8>)
    /// A line whose first 4 KiB show it cannot be a JSON object (it starts with something other
    /// than `{`), reported before it is read to its end, so a gigabyte of zeros ends in an
    /// error at once. Returning skips it.
    case notJSONObject(number: Int, prefix: ArraySlice<UInt8>)
    /// A complete line of `LineReader.longLineBytes` or more, handed over to keep: whoever takes
    /// its bytes (`LongLine.take()`) owns the only copy and may reuse that memory (a JSON
    /// string decoded in place), so a long line and what is made of it are not both held.
    case longRecord(LongLine, number: Int)
  }

  /// A long line's bytes, for one taker.
  public final class LongLine {
    private var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The line's bytes, leaving none here (a second call returns an empty array).
    public func take() -> [UInt8] {
      var taken: [UInt8] = []
      swap(&taken, &bytes)
      return taken
    }
  }

  /// Lines at least this long are handed over as `.longRecord`.
  public static let longLineBytes = 4 << 20

  /// Whether the input is gzip data.
  public enum Compression: Sendable {
    /// Gzip when the name ends in `.gz` (then it must be gzip) or the data starts with gzip's
    /// magic bytes; plain otherwise.
    case byNameOrContent
    /// Plain bytes, whatever the name (a FIFO or a pipe named anything).
    case none
  }

  /// The file, or "<stdin>".
  public let source: String
  /// The longest line held in memory, in bytes.
  public let maxLineBytes: Int
  private let input: ByteSource
  private let compression: Compression
  /// Bytes read from the input (compressed bytes for gzip), for progress reports.
  public private(set) var bytesRead = 0

  static let blockSize = 1 << 20
  static let objectCheckBytes = 4096

  /// Opens `path` (standard input when nil).
  ///
  /// - Throws: `DocumentReadError` `.missing`, `.permissionDenied` or `.io`.
  public init(
    path: String?, maxLineBytes: Int = Int.max, compression: Compression = .byNameOrContent
  )
    throws(DocumentReadError)
  {
    input = try ByteSource(path: path)
    source = input.name
    self.maxLineBytes = max(1, maxLineBytes)
    self.compression = compression
  }

  /// Calls `body` with each line in order, then checks that the input ended cleanly.
  ///
  /// - Throws: what `body` throws; `DocumentReadError` for read failures and damaged,
  ///   truncated or non-gzip data.
  public func forEachLine(_ body: (Line) throws -> Void) throws {
    var splitter = LineSplitter(maxLineBytes: maxLineBytes)
    var raw = [UInt8](repeating: 0, count: Self.blockSize)
    var count = try input.read(into: &raw)
    bytesRead += count
    let hasMagic = count >= 2 && raw[0] == 0x1F && raw[1] == 0x8B
    let namedGzip = source.hasSuffix(".gz")
    if compression == .none || (!namedGzip && !hasMagic) {
      while count > 0 {
        try splitter.feed(raw[0..<count], body)
        count = try input.read(into: &raw)
        bytesRead += count
      }
      try splitter.finish(body)
      return
    }
    guard hasMagic else {
      throw DocumentReadError(
        .notGzip, source: source, byteOffset: 0,
        count == 0
          ? "empty file, not gzip data (its name ends in .gz)"
          : "not gzip data (its name ends in .gz but it does not start with gzip's bytes 1f 8b)")
    }
    let inflater = try GzipInflater(source: source)
    var output = [UInt8](repeating: 0, count: Self.blockSize)
    while count > 0 {
      try inflater.inflate(raw[0..<count], into: &output) { produced in
        try splitter.feed(produced, body)
      }
      count = try input.read(into: &raw)
      bytesRead += count
    }
    try inflater.finish()
    try splitter.finish(body)
  }
}

/// Cuts a byte stream into lines, holding at most `maxLineBytes` of one line.
struct LineSplitter {
  let maxLineBytes: Int
  private var pending: [UInt8] = []
  private var number = 0
  /// The current line was reported too long or not JSON: drop bytes up to its newline.
  private var skipping = false
  private var checkedObjectStart = false

  init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

  mutating func feed(_ bytes: ArraySlice<UInt8>, _ body: (LineReader.Line) throws -> Void) throws {
    var start = bytes.startIndex
    while start < bytes.endIndex {
      guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
        if !skipping {
          pending.append(contentsOf: bytes[start...])
          try checkUnfinished(body)
        }
        return
      }
      if skipping {
        skipping = false
      } else if pending.isEmpty {
        try hand(bytes[start..<newline], body)
      } else {
        pending.append(contentsOf: bytes[start..<newline])
        try checkUnfinished(body)
        if !skipping { try handPending(body) } else { skipping = false }
      }
      number += 1
      pending.removeAll(keepingCapacity: pending.count <= 1 << 20)
      checkedObjectStart = false
      start = newline + 1
    }
  }

  mutating func finish(_ body: (LineReader.Line) throws -> Void) throws {
    if !skipping && !pending.isEmpty { try handPending(body) }
    pending.removeAll()
  }

  /// Hands over the line in `pending`: a long one as `.longRecord`, moved out so that its taker
  /// holds the only reference.
  private mutating func handPending(_ body: (LineReader.Line) throws -> Void) throws {
    guard pending.count >= LineReader.longLineBytes, pending.count <= maxLineBytes,
      !isBlank(pending[...])
    else {
      try hand(pending[...], body)
      return
    }
    let line = LineReader.LongLine(pending)
    pending = []
    try body(.longRecord(line, number: number + 1))
  }

  private func hand(_ line: ArraySlice<UInt8>, _ body: (LineReader.Line) throws -> Void) throws {
    if line.count > maxLineBytes {
      try body(.tooLong(number: number + 1, prefix: line.prefix(LineReader.objectCheckBytes)))
      return
    }
    if isBlank(line) { return }
    try body(.record(line, number: number + 1))
  }

  /// Reports a line still being read once it shows it is too long or cannot be an object.
  private mutating func checkUnfinished(_ body: (LineReader.Line) throws -> Void) throws {
    if !checkedObjectStart && pending.count >= LineReader.objectCheckBytes {
      checkedObjectStart = true
      if let first = pending.first(where: { ![0x20, 0x09, 0x0D].contains($0) }), first != 0x7B {
        skipping = true
        try body(
          .notJSONObject(number: number + 1, prefix: pending.prefix(LineReader.objectCheckBytes)))
        pending.removeAll()
        return
      }
    }
    if pending.count > maxLineBytes {
      skipping = true
      try body(.tooLong(number: number + 1, prefix: pending.prefix(LineReader.objectCheckBytes)))
      pending.removeAll()
    }
  }

  private func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
    line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  }
}

/// zlib's inflate over one gzip file of one or more members, checked to the end.
final class GzipInflater {
  private var stream = z_stream()
  private let source: String
  /// Compressed bytes consumed before the current block.
  private var consumedBefore = 0
  private var inMember = true
  private var atMemberBoundary = false

  init(source: String) throws(DocumentReadError) {
    self.source = source
    // 15 + 16: a 32 KiB window, gzip wrapper only (zlib then checks the header, CRC-32 and length).
    let status = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      throw DocumentReadError(.io, source: source, "zlib failed to start (\(status))")
    }
  }

  deinit { inflateEnd(&stream) }

  /// Inflates `block`, handing each piece of output to `body` before producing the next.
  func inflate(
    _ block: ArraySlice<UInt8>, into output: inout [UInt8],
    _ body: (ArraySlice<UInt8>) throws -> Void
  ) throws {
    var offset = block.startIndex
    var outputFull = false
    // zlib may hold output back when the output buffer fills: loop until it has room to spare.
    while offset < block.endIndex || outputFull {
      if atMemberBoundary {
        if offset == block.endIndex { break }
        // Another member may follow (gzip files may be concatenated); anything else is damage.
        guard block[offset] == 0x1F else {
          throw DocumentReadError(
            .damagedGzip, source: source, byteOffset: consumedBefore + offset - block.startIndex,
            "damaged gzip data at byte \(consumedBefore + offset - block.startIndex): trailing bytes that are not gzip after the end of the compressed data"
          )
        }
        inflateReset(&stream)
        atMemberBoundary = false
        inMember = true
      }
      var status: Int32 = Z_OK
      var used = 0
      var produced = 0
      block.withUnsafeBytes { input in
        output.withUnsafeMutableBytes { out in
          stream.next_in = UnsafeMutablePointer(
            mutating: input.baseAddress!.assumingMemoryBound(to: UInt8.self)
              + (offset - block.startIndex))
          stream.avail_in = UInt32(block.endIndex - offset)
          stream.next_out = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
          stream.avail_out = UInt32(out.count)
          status = CGzip.inflate(&stream, Z_NO_FLUSH)
          used = (block.endIndex - offset) - Int(stream.avail_in)
          produced = out.count - Int(stream.avail_out)
        }
      }
      let position = consumedBefore + offset - block.startIndex + used
      offset += used
      switch status {
      case Z_OK, Z_BUF_ERROR:
        break
      case Z_STREAM_END:
        inMember = false
        atMemberBoundary = true
      case Z_MEM_ERROR:
        throw DocumentReadError(.io, source: source, "out of memory while decompressing")
      default:
        let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
        let what =
          reason.contains("check") ? "its CRC-32 or length check fails (\(reason))" : reason
        throw DocumentReadError(
          .damagedGzip, source: source, byteOffset: position,
          "damaged gzip data near byte \(position): \(what)")
      }
      outputFull = produced == output.count
      if produced > 0 { try body(output[0..<produced]) }
      if used == 0 && produced == 0 && status != Z_STREAM_END { break }
    }
    consumedBefore += block.count
  }

  /// Checks that the last member ended: a file cut short is an error, never a shorter corpus.
  func finish() throws(DocumentReadError) {
    if inMember {
      throw DocumentReadError(
        .truncatedGzip, source: source, byteOffset: consumedBefore,
        "truncated gzip data: the file ends at byte \(consumedBefore) before the end of its compressed stream (gzip -t rejects it too)"
      )
    }
  }
}
