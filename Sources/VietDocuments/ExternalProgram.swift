import Foundation

/// An external program a reader runs (pdftotext, antiword, tesseract…), with the Debian
/// package that installs it, run with a time limit and an output-size limit.
///
/// Foundation's `Process` rather than a new package dependency: the calls are one-shot, and
/// the limits are what matters. Output is read on a background thread while the program runs,
/// so a program that writes more than a pipe holds cannot dead-lock us.
public struct ExternalProgram: Hashable, Sendable {
  /// The executable's name, looked up on `PATH`.
  public var name: String
  /// The Debian package to install when it is missing.
  public var debianPackage: String

  /// Names a program.
  public init(name: String, debianPackage: String) {
    self.name = name
    self.debianPackage = debianPackage
  }

  /// poppler's text extractor.
  public static let pdftotext = ExternalProgram(name: "pdftotext", debianPackage: "poppler-utils")
  /// poppler's font lister, to spot legacy .Vn* and VNI fonts.
  public static let pdffonts = ExternalProgram(name: "pdffonts", debianPackage: "poppler-utils")
  /// poppler's document-information printer.
  public static let pdfinfo = ExternalProgram(name: "pdfinfo", debianPackage: "poppler-utils")
  /// poppler's XML exporter, which tells the font of each text run.
  public static let pdftohtml = ExternalProgram(name: "pdftohtml", debianPackage: "poppler-utils")
  /// poppler's rasterizer, for OCR.
  public static let pdftoppm = ExternalProgram(name: "pdftoppm", debianPackage: "poppler-utils")
  /// Word 97–2003 text extractor.
  public static let antiword = ExternalProgram(name: "antiword", debianPackage: "antiword")
  /// OCR; Vietnamese needs its `vie` model too.
  public static let tesseract = ExternalProgram(
    name: "tesseract", debianPackage: "tesseract-ocr and tesseract-ocr-vie")

  /// Stops a run past its limits with SIGKILL: `Process.terminate()` sends SIGTERM, which a
  /// child started from a test runner or a server may have blocked (seen here: `yes` kept
  /// running after SIGTERM), and a program past its limits gets no chance to clean up anyway.
  private static func forceStop(_ process: Process) {
    let pid = process.processIdentifier
    if pid > 0 { _ = kill(pid, SIGKILL) }
  }

  /// The program's full path, or nil when it is not on `PATH`.
  public var executablePath: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = "\(folder)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs the program and returns what it wrote to standard output.
  ///
  /// - Parameters:
  ///   - arguments: the arguments.
  ///   - file: the document the run is for, named in errors.
  ///   - limits: the time and output limits.
  /// - Throws: `DocumentReadError` with `.missingProgram` (naming the Debian package),
  ///   `.programLimit` (killed after the time limit or past the output limit) or
  ///   `.programFailed` (non-zero exit, with the start of its standard error).
  public func run(_ arguments: [String], for file: String, limits: ProgramLimits = .standard) throws
    -> [UInt8]
  {
    guard let executable = executablePath else {
      throw DocumentReadError(
        .missingProgram, source: file,
        "reading this format needs `\(name)`, which is not installed (Debian: apt-get install \(debianPackage))"
      )
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    // OMP threads: tesseract would start one per core; the extractor runs one program per
    // document, and callers parallelize across documents.
    var environment = ProcessInfo.processInfo.environment
    environment["OMP_THREAD_LIMIT"] = "1"
    environment["LC_ALL"] = "C.UTF-8"
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    let collected = OutputCollector(limit: limits.maxOutputBytes)
    let errorText = OutputCollector(limit: 4096)
    let readers = DispatchGroup()
    for (pipe, sink) in [(output, collected), (errors, errorText)] {
      readers.enter()
      DispatchQueue.global().async {
        let handle = pipe.fileHandleForReading
        while true {
          let chunk = handle.availableData
          if chunk.isEmpty { break }
          // Past the limit on standard output the run is useless; standard error is only kept
          // for the message, so its excess is dropped without stopping the program.
          if !sink.append(chunk), sink === collected { Self.forceStop(process) }
        }
        readers.leave()
      }
    }
    do {
      try process.run()
    } catch {
      throw DocumentReadError(.programFailed, source: file, "could not start \(name): \(error)")
    }
    let finished = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      process.waitUntilExit()
      finished.signal()
    }
    if finished.wait(timeout: .now() + limits.timeout) == .timedOut {
      Self.forceStop(process)
      finished.wait()
      readers.wait()
      throw DocumentReadError(
        .programLimit, source: file,
        "\(name) ran longer than \(Int(limits.timeout)) s and was stopped")
    }
    readers.wait()
    if collected.overflowed {
      throw DocumentReadError(
        .programLimit, source: file,
        "\(name) wrote more than \(limits.maxOutputBytes) bytes and was stopped")
    }
    guard process.terminationStatus == 0 else {
      let message = String(decoding: errorText.bytes, as: UTF8.self)
        .split(separator: "\n").prefix(3).joined(separator: "; ")
      throw DocumentReadError(
        .programFailed, source: file,
        "\(name) failed (exit \(process.terminationStatus))\(message.isEmpty ? "" : ": \(message)")"
      )
    }
    return collected.bytes
  }
}

/// How long an external program may run and how much it may write.
public struct ProgramLimits: Hashable, Sendable {
  /// Seconds before the program is stopped.
  public var timeout: Double
  /// Bytes of standard output before the program is stopped.
  public var maxOutputBytes: Int

  /// Makes limits.
  public init(timeout: Double, maxOutputBytes: Int) {
    self.timeout = timeout
    self.maxOutputBytes = maxOutputBytes
  }

  /// 120 s and 64 MiB: a 1,000-page PDF's text is ~3 MiB, so these stop only runaways.
  public static let standard = ProgramLimits(timeout: 120, maxOutputBytes: 64 << 20)
}

/// Bytes read from a pipe on another thread, up to a limit.
private final class OutputCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [UInt8] = []
  private var over = false
  let limit: Int

  init(limit: Int) { self.limit = limit }

  /// Appends; false once past the limit (what is past it is dropped).
  func append(_ data: Data) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    if storage.count + data.count > limit {
      storage.append(contentsOf: data.prefix(max(0, limit - storage.count)))
      over = true
      return false
    }
    storage.append(contentsOf: data)
    return true
  }

  var bytes: [UInt8] {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }

  var overflowed: Bool {
    lock.lock()
    defer { lock.unlock() }
    return over
  }
}
