import Foundation

/// The text every benchmark runs on: the seed articles of `Corpus/seeds`, repeated to about
/// 9 MB (the size the ICU anchor figures in the issue tracker were measured on).
public enum BenchmarkCorpus {
  /// UTF-8 bytes of the repeated seeds, NFC as shipped.
  public static let seeds9MB: [UInt8] = {
    let folder = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Corpus/seeds")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".txt") }
      .sorted() ?? []
    var seeds: [UInt8] = []
    for name in names {
      seeds += (try? Data(contentsOf: folder.appendingPathComponent(name))).map { [UInt8]($0) } ?? []
      seeds.append(0x0A)
    }
    precondition(!seeds.isEmpty, "Corpus/seeds not found at \(folder.path)")
    var text: [UInt8] = []
    text.reserveCapacity(9_500_000)
    while text.count < 9_000_000 { text += seeds }
    return text
  }()

  /// The same text decomposed (NFD), as text from some keyboards, OCR and PDF tools arrives.
  public static let seeds9MBDecomposed: [UInt8] = Array(
    String(decoding: seeds9MB, as: UTF8.self).decomposedStringWithCanonicalMapping.utf8)

  /// Megabytes (10^6 bytes) of `bytes`.
  public static func megabytes(_ bytes: [UInt8]) -> Double { Double(bytes.count) / 1_000_000 }
}
