#if canImport(Glibc)
  import Glibc
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  import Darwin
  private let systemWrite = Darwin.write
#endif

/// The folder that holds an index, and the only code that touches its files.
///
/// Every file is written under a temporary name, flushed to disk, then renamed into place, and
/// the folder itself is flushed after the rename: a crash leaves either the old file or the new
/// one, never half of one. Nothing here knows what the files contain.
public struct IndexDirectory: Sendable {
  /// The folder's path, as given (relative paths stay relative to the working directory).
  public let path: String

  /// Names the folder at `path`; nothing is checked or created until a method needs it.
  public init(path: String) { self.path = path }

  /// The path of the file `name` in this folder.
  public func filePath(_ name: String) -> String { path + "/" + name }

  /// Whether `name` exists in this folder (`"."` asks whether the folder itself exists).
  public func exists(_ name: String) -> Bool { access(filePath(name), F_OK) == 0 }

  /// Creates the folder (and its parents) when it does not exist.
  public func create() throws(IndexError) {
    var prefix = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      prefix += "/" + component
      if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
        throw IndexError(.io, path: prefix, "cannot create folder: \(MappedFile.errorText())")
      }
    }
  }

  /// The names of the files in the folder (not `.` and `..`).
  public func fileNames() throws(IndexError) -> [String] {
    guard let handle = opendir(path) else {
      throw IndexError(.io, path: path, "cannot list: \(MappedFile.errorText())")
    }
    defer { closedir(handle) }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// Reads a small file whole.
  public func read(_ name: String) throws(IndexError) -> [UInt8] {
    let file = try MappedFile(path: filePath(name))
    return Array(file.bytes)
  }

  /// Writes `name` atomically: temporary file, fsync, rename, fsync of the folder.
  public func writeAtomically(_ name: String, _ write: (FileSink) throws(IndexError) -> Void)
    throws(IndexError)
  {
    let temporary = name + ".tmp"
    let sink = try FileSink(path: filePath(temporary))
    do {
      try write(sink)
      try sink.finish()
    } catch {
      sink.abandon()
      unlink(filePath(temporary))
      throw error
    }
    guard rename(filePath(temporary), filePath(name)) == 0 else {
      let text = MappedFile.errorText()
      unlink(filePath(temporary))
      throw IndexError(.io, path: filePath(name), "cannot rename into place: \(text)")
    }
    try syncFolder()
  }

  /// Deletes `name` from the folder, ignoring failure: the writer uses it to clear files no
  /// commit refers to, and a file already gone is what it wants.
  public func remove(_ name: String) { unlink(filePath(name)) }

  func syncFolder() throws(IndexError) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw IndexError(.io, path: path, "cannot open folder: \(MappedFile.errorText())")
    }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else {
      throw IndexError(.io, path: path, "cannot flush folder: \(MappedFile.errorText())")
    }
  }
}

/// A file being written: buffered appends, a running CRC-32 and byte count, fsync on finish.
public final class FileSink {
  let path: String
  private var descriptor: Int32
  private var buffer: [UInt8] = []
  /// Bytes written so far, buffered or not: where the next write lands in the file.
  public private(set) var offset: UInt64 = 0
  /// The CRC-32 of the bytes written since the last `resetChecksum()` (or since the file was
  /// created).
  public private(set) var checksum = CRC32()
  /// Block checksums (`startBlockChecksums`): the block size (0 when off), the bytes of the
  /// current block seen so far, its running CRC-32 and the checksums of the blocks completed.
  private var blockSize = 0
  private var blockFill = 0
  private var blockChecksum = CRC32()
  private var blockChecksums: [UInt32] = []

  init(path: String) throws(IndexError) {
    self.path = path
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw IndexError(.io, path: path, "cannot create: \(MappedFile.errorText())")
    }
    buffer.reserveCapacity(1 << 20)
  }

  deinit { if descriptor >= 0 { close(descriptor) } }

  /// Starts a new checksum (each section of a segment has its own).
  public func resetChecksum() { checksum = CRC32() }

  /// Starts a CRC-32 of every `blockSize` bytes written from here on, counted from this offset,
  /// for readers that check a section a block at a time.
  public func startBlockChecksums(blockSize: Int) {
    precondition(blockSize > 0)
    self.blockSize = blockSize
    blockFill = 0
    blockChecksum = CRC32()
    blockChecksums = []
  }

  /// Ends the blocks started by `startBlockChecksums`: one checksum per block, the last one of
  /// the bytes after the last whole block (none when there are none).
  public func finishBlockChecksums() -> [UInt32] {
    if blockFill > 0 { blockChecksums.append(blockChecksum.value) }
    let finished = blockChecksums
    blockSize = 0
    blockFill = 0
    blockChecksums = []
    return finished
  }

  /// Appends `bytes`: buffered in memory up to 1 MiB, written through when larger.
  public func write(_ bytes: UnsafeRawBufferPointer) throws(IndexError) {
    checksum.update(bytes)
    if blockSize > 0 { addToBlocks(bytes) }
    offset += UInt64(bytes.count)
    if buffer.count + bytes.count > 1 << 20 { try drain() }
    if bytes.count >= 1 << 20 {
      try writeFully(bytes)
    } else {
      buffer.append(contentsOf: bytes)
    }
  }

  /// Appends `bytes` (see `write(_:)` for a raw buffer).
  public func write(_ bytes: [UInt8]) throws(IndexError) {
    try bytes.withUnsafeBytes { raw in Result { () throws(IndexError) in try write(raw) } }.get()
  }

  /// Appends `value` in little-endian byte order, the order of every integer in the index format.
  public func write<T: FixedWidthInteger>(_ value: T) throws(IndexError) {
    try withUnsafeBytes(of: value.littleEndian) { raw in
      Result { () throws(IndexError) in try write(raw) }
    }.get()
  }

  /// Appends `values` as they lie in memory, which is little-endian on every platform vitext
  /// supports (x86-64, arm64).
  public func write<T: FixedWidthInteger>(_ values: [T]) throws(IndexError) {
    // Little-endian machines only (x86-64, arm64): values are written as they lie in memory.
    try values.withUnsafeBytes { raw in Result { () throws(IndexError) in try write(raw) } }.get()
  }

  private func addToBlocks(_ bytes: UnsafeRawBufferPointer) {
    var start = 0
    while start < bytes.count {
      let take = min(bytes.count - start, blockSize - blockFill)
      blockChecksum.update(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + take)]))
      blockFill += take
      start += take
      if blockFill == blockSize {
        blockChecksums.append(blockChecksum.value)
        blockChecksum = CRC32()
        blockFill = 0
      }
    }
  }

  /// Zero bytes up to the next multiple of `alignment`, so typed arrays can be read in place.
  public func pad(to alignment: Int) throws(IndexError) {
    let remainder = Int(offset % UInt64(alignment))
    if remainder != 0 { try write([UInt8](repeating: 0, count: alignment - remainder)) }
  }

  private func drain() throws(IndexError) {
    try buffer.withUnsafeBytes { raw in Result { () throws(IndexError) in try writeFully(raw) } }
      .get()
    buffer.removeAll(keepingCapacity: true)
  }

  private func writeFully(_ bytes: UnsafeRawBufferPointer) throws(IndexError) {
    var done = 0
    while done < bytes.count {
      let written = systemWrite(descriptor, bytes.baseAddress! + done, bytes.count - done)
      if written < 0 {
        if errno == EINTR { continue }
        throw IndexError(.io, path: path, "cannot write: \(MappedFile.errorText())")
      }
      done += written
    }
  }

  func finish() throws(IndexError) {
    try drain()
    guard fsync(descriptor) == 0 else {
      throw IndexError(.io, path: path, "cannot flush: \(MappedFile.errorText())")
    }
    close(descriptor)
    descriptor = -1
  }

  func abandon() {
    if descriptor >= 0 { close(descriptor) }
    descriptor = -1
  }
}

/// The one-writer lock: an exclusive `flock` on `write.lock`. The kernel drops it when the
/// process dies, even by kill -9, so a crashed build never leaves the index locked.
public final class WriterLock {
  private let descriptor: Int32

  /// Takes the lock of the index in `directory`, creating `write.lock` when needed, and writes this
  /// process's id into it so a refused writer can say who holds it. The lock lasts as long as the
  /// object.
  ///
  /// - Throws: `IndexError.locked` when another process holds the lock (the message names its
  ///   pid); `.io` when the lock file cannot be opened.
  public init(directory: IndexDirectory) throws(IndexError) {
    let path = directory.filePath("write.lock")
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw IndexError(.io, path: path, "cannot open lock file: \(MappedFile.errorText())")
    }
    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      var holder = [UInt8](repeating: 0, count: 32)
      let count = pread(descriptor, &holder, 32, 0)
      let pid =
        count > 0 ? String(decoding: holder[0..<count], as: UTF8.self).filter(\.isNumber) : "?"
      close(descriptor)
      throw IndexError(
        .locked, path: directory.path,
        "another vitext process (pid \(pid)) is writing this index; wait for it to finish (searching is not blocked)"
      )
    }
    let pid = Array("\(getpid())\n".utf8)
    _ = ftruncate(descriptor, 0)
    _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
  }

  deinit {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
