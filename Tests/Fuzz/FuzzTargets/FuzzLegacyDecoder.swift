import Foundation
import VietNormalization
import VietText

/// Fuzz target: any bytes decoded from every legacy encoding and run through encoding
/// detection. Raw TCVN3 and VNI decoding must give valid UTF-8 whatever the bytes (every byte
/// maps to some character); mojibake decoding takes UTF-8, so it gets repaired bytes.
public func fuzzLegacyDecoder(_ input: UnsafeBufferPointer<UInt8>) {
  let bytes = Array(input)
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
}
