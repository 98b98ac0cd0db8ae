#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file (regular, FIFO, character device) or standard input read with `read(2)`, so a pipe
/// or a process substitution (`<(zcat corpus.gz)`) reads like a file, and a failure to open
/// says why (permission denied is not "no such file").
final class ByteSource {
  let name: String
  private let descriptor: Int32
  private let owned: Bool

  /// Opens `path`, or standard input when nil.
  init(path: String?) throws(DocumentReadError) {
    guard let path else {
      name = DocumentReadError.standardInputName
      descriptor = 0
      owned = false
      return
    }
    name = path
    let opened = open(path, O_RDONLY | O_CLOEXEC)
    guard opened >= 0 else { throw Self.openError(path: path, errno: errno) }
    var status = stat()
    if fstat(opened, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
      close(opened)
      throw DocumentReadError(.io, source: path, "is a folder, not a file")
    }
    descriptor = opened
    owned = true
  }

  deinit { if owned { close(descriptor) } }

  /// The error for a failed open(2), by errno.
  static func openError(path: String, errno code: Int32) -> DocumentReadError {
    switch code {
    case ENOENT, ENOTDIR: DocumentReadError(.missing, source: path, "no such file")
    case EACCES, EPERM: DocumentReadError(.permissionDenied, source: path, "permission denied")
    default: DocumentReadError(.io, source: path, "cannot open: " + String(cString: strerror(code)))
    }
  }

  /// Reads up to `buffer.count` bytes into the start of `buffer`; 0 at the end of input.
  func read(into buffer: inout [UInt8]) throws(DocumentReadError) -> Int {
    while true {
      let count = buffer.withUnsafeMutableBytes {
        readFunction(descriptor, $0.baseAddress, $0.count)
      }
      if count >= 0 { return count }
      if errno == EINTR { continue }
      throw DocumentReadError(.io, source: name, "read failed: " + String(cString: strerror(errno)))
    }
  }
}

#if canImport(Glibc)
  private let readFunction = Glibc.read
#else
  private let readFunction = Darwin.read
#endif
