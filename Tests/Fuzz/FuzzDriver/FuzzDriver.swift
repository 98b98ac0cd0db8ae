import CFuzzerDriver
import Foundation
import FuzzTargets

/// One libFuzzer executable for every target: the target is named by `VITEXT_FUZZ_TARGET`
/// (libFuzzer owns the command line). SwiftPM gives an executable target its own `main`, so
/// this calls libFuzzer's `LLVMFuzzerRunDriver` (see CFuzzerDriver.h) instead of linking
/// libFuzzer's `main`.
@main enum FuzzDriver {
  static func main() {
    let name = ProcessInfo.processInfo.environment["VITEXT_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      let known = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
      FileHandle.standardError.write(Data("VITEXT_FUZZ_TARGET must name a target: \(known)\n".utf8))
      exit(64)
    }
    chosen = target
    target.prepare()
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
  }

  /// The target the C callback runs (a C function pointer cannot capture it).
  nonisolated(unsafe) static var chosen = FuzzTarget.normalizer
}

/// libFuzzer's own entry point, which its runtime library refers to (and the link needs) even
/// when `LLVMFuzzerRunDriver` is given the callback; both run the chosen target.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  FuzzDriver.chosen.run(UnsafeBufferPointer(start: data, count: size))
  return 0
}
