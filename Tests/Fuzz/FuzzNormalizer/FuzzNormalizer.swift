import CFuzzerDriver
import Foundation
import VietNormalization
import VietText

/// libFuzzer target: any bytes through the normalizer, as the CLI feeds it (refused when not
/// UTF-8, else normalized) and repaired first, with the standard and the search-folding
/// options. Output must be valid UTF-8 and normalizing it again must change nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNormalizer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  for normalizer in [Normalizer(), Normalizer(options: .searchFolded)] {
    _ = try? normalizer.normalize(bytes)
    let repaired = UTF8Scanning.repairing(bytes)
    guard let output = try? normalizer.normalize(validUTF8: repaired) else { continue }
    let valid = output.bytes.withUnsafeBufferPointer { UTF8Scanning.firstInvalidOffset(in: $0) } == nil
    precondition(valid, "normalizer output is not UTF-8")
  }
  return 0
}

/// Runs libFuzzer on `fuzzNormalizer` (see CFuzzerDriver.h for why not libFuzzer's own `main`).
@main enum FuzzNormalizerMain {
  static func main() {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in data.map { fuzzNormalizer($0, size) } ?? 0 })
  }
}
