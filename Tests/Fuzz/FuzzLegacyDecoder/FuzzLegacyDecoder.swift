import CFuzzerDriver
import Foundation
import VietNormalization
import VietText

/// libFuzzer target: any bytes decoded from every legacy encoding and run through encoding
/// detection. Raw TCVN3 and VNI decoding must give valid UTF-8 whatever the bytes (every byte
/// maps to some character); mojibake decoding takes UTF-8, so it gets repaired bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLegacyDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let decoder = LegacyDecoder.bundled
  let repaired = UTF8Scanning.repairing(bytes)
  for encoding in SourceEncoding.allCases where encoding != .unicode {
    let output = decoder.decode(encoding.isUTF8 ? repaired : bytes, from: encoding)
    let valid = output.withUnsafeBufferPointer { UTF8Scanning.firstInvalidOffset(in: $0) } == nil
    precondition(valid, "decoding from \(encoding) gave bytes that are not UTF-8")
    _ = decoder.encode(output, to: encoding)
  }
  _ = decoder.detect(bytes)
  _ = decoder.detect(repaired)
  return 0
}

/// Runs libFuzzer on `fuzzLegacyDecoder` (see CFuzzerDriver.h for why not libFuzzer's own `main`).
@main enum FuzzLegacyDecoderMain {
  static func main() {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in data.map { fuzzLegacyDecoder($0, size) } ?? 0 })
  }
}
