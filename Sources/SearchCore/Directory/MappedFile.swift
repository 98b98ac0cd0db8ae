#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A read-only memory map of a whole file. Segments are immutable once written, so readers map
/// them and never copy; the mapping stays valid after the writer unlinks the file (a merged-away
/// segment), which is what lets readers go on while a writer commits.
public final class MappedFile: @unchecked Sendable {
  /// The path the file was opened from, for error messages.
  public let path: String
  /// The whole file, read-only; empty (with no base address) for an empty file.
  public let bytes: UnsafeRawBufferPointer

  /// Maps the file at `path`.
  ///
  /// - Throws: `IndexError.io` when the file cannot be opened, examined or mapped.
  public init(path: String) throws(IndexError) {
    self.path = path
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw IndexError(.io, path: path, "cannot open: \(Self.errorText())")
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      throw IndexError(.io, path: path, "cannot stat: \(Self.errorText())")
    }
    let size = Int(info.st_size)
    if size == 0 {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
      address != MAP_FAILED
    else {
      throw IndexError(.io, path: path, "cannot map: \(Self.errorText())")
    }
    bytes = UnsafeRawBufferPointer(start: address, count: size)
  }

  deinit {
    if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
  }

  static func errorText() -> String { String(cString: strerror(errno)) }
}
