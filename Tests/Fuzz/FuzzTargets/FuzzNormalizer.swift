import Foundation
import VietNormalization
import VietText

/// Fuzz target: any bytes through the normalizer, as the CLI feeds it (refused when not
/// UTF-8, else normalized) and repaired first, with the standard and the search-folding
/// options. Output must be valid UTF-8 and normalizing it again must change nothing.
public func fuzzNormalizer(_ input: UnsafeBufferPointer<UInt8>) {
  let bytes = Array(input)
  for normalizer in [Normalizer(), Normalizer(options: .searchFolded)] {
    _ = try? normalizer.normalize(bytes)
    let repaired = UTF8Scanning.repairing(bytes)
    guard let output = try? normalizer.normalize(validUTF8: repaired) else { continue }
    let valid =
      output.bytes.withUnsafeBufferPointer { UTF8Scanning.firstInvalidOffset(in: $0) } == nil
    precondition(valid, "normalizer output is not UTF-8")
  }
}
