#if canImport(Glibc)
  import Glibc
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  import Darwin
  private let systemWrite = Darwin.write
#endif

/// Bytes kept on disk instead of in memory until a segment is written: the stored text of a
/// long document, which would otherwise be held whole by the buffer and by whoever prepared it.
///
/// The file is created in the index folder and unlinked at once, so it takes no name a reader or
/// a later writer could see, and the kernel frees it when the value is dropped or the process
/// dies. A failed write is kept (`failure`) and thrown by every later read: a segment is never
/// written without its bytes. One thread uses a file at a time (a build's preparing thread
/// fills it, then hands it to the writer's).
public final class SpillFile: @unchecked Sendable {
  private let path: String
  private var descriptor: Int32
  private var pending: [UInt8] = []
  /// The first write or read that failed; every later read throws it.
  public private(set) var failure: IndexError?
  /// Bytes appended so far.
  public private(set) var count = 0

  static let chunkSize = 1 << 20

  /// Creates an empty file in `directory`.
  ///
  /// - Throws: `IndexError.io` when it cannot be created.
  public init(in directory: IndexDirectory) throws(IndexError) {
    let name = "spill-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).tmp"
    path = directory.filePath(name)
    descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw IndexError(.io, path: path, "cannot create: \(MappedFile.errorText())")
    }
    unlink(path)
    pending.reserveCapacity(Self.chunkSize)
  }

  deinit { close(descriptor) }

  /// Appends `bytes`: small ones gathered into chunks of `chunkSize`, a large one written as it
  /// is (never copied).
  public func append(_ bytes: [UInt8]) {
    count += bytes.count
    if pending.count + bytes.count < Self.chunkSize {
      pending.append(contentsOf: bytes)
      return
    }
    flushPending()
    bytes.withUnsafeBytes { writeFully($0) }
  }

  /// Appends every byte of `other`, read back a chunk at a time.
  func append(contentsOf other: SpillFile) {
    var offset = 0
    while offset < other.count {
      let end = min(other.count, offset + Self.chunkSize)
      do throws(IndexError) { append(try other.read(offset..<end)) } catch {
        if failure == nil { failure = error }
        // The bytes are counted even so: offsets after them stay where the segment expects them.
        count += other.count - offset
        return
      }
      offset = end
    }
  }

  private func flushPending() {
    pending.withUnsafeBytes { writeFully($0) }
    pending.removeAll(keepingCapacity: true)
  }

  private func writeFully(_ bytes: UnsafeRawBufferPointer) {
    guard failure == nil else { return }
    var done = 0
    while done < bytes.count {
      let written = systemWrite(descriptor, bytes.baseAddress! + done, bytes.count - done)
      if written < 0 {
        if errno == EINTR { continue }
        failure = IndexError(
          .io, path: path,
          "cannot write the stored texts set aside on disk: \(MappedFile.errorText())")
        return
      }
      done += written
    }
  }

  /// The bytes at `range` of what was appended.
  ///
  /// - Throws: `IndexError.io` when a write before failed or the read fails.
  public func read(_ range: Range<Int>) throws(IndexError) -> [UInt8] {
    precondition(
      range.lowerBound >= 0 && range.upperBound <= count, "read past the end of a spill file")
    if !pending.isEmpty { flushPending() }
    if let failure { throw failure }
    var bytes = [UInt8](repeating: 0, count: range.count)
    var done = 0
    while done < range.count {
      let read = bytes.withUnsafeMutableBytes {
        pread(
          descriptor, $0.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
      }
      if read < 0 && errno == EINTR { continue }
      guard read > 0 else {
        let error = IndexError(
          .io, path: path,
          "cannot read back the stored texts set aside on disk: \(read < 0 ? MappedFile.errorText() : "file shorter than written")"
        )
        failure = error
        throw error
      }
      done += read
    }
    return bytes
  }

  /// Writes every byte appended, in order, to `file`.
  ///
  /// - Throws: `IndexError.io` when a write or a read back failed.
  func copy(to file: FileSink) throws(IndexError) {
    var offset = 0
    while offset < count {
      let chunk = try read(offset..<min(count, offset + Self.chunkSize))
      try file.write(chunk)
      offset += chunk.count
    }
  }
}
