import Foundation
import Testing
@testable import VietNormalization
import VietTestSupport
import VietText

/// The quick "already canonical?" check must never say yes where the full pass would change a
/// byte: a false yes would silently skip normalization.
@Suite struct CanonicalCheckTests {
  /// One defect of each kind the rewriting pass repairs, planted in otherwise clean text.
  static let defects = [
    "Quận uỷ", "hoà", "khoẻ", "Thuỷ", "a\u{00A0}b", "a\u{200B}b", "\u{FEFF}a", "a\r\nb", "a\u{0007}b",
    "Ðảng", "u\u{0309}y", "a\u{2028}b", "cuả", "qúy",
  ]

  @Test func saysNoWhereverTheFullPassChangesSomething() throws {
    let normalizer = Normalizer()
    let clean = try normalizer.normalize(try TestData.seeds()[0].bytes).bytes
    for defect in Self.defects {
      var text = clean
      text.insert(contentsOf: " \(defect) ".utf8, at: clean.count / 2)
      let fast = text.withUnsafeBufferPointer(normalizer.isAlreadyCanonical)
      #expect(!fast, "\(defect.unicodeScalars.map { String($0.value, radix: 16) })")
      #expect(try normalizer.normalize(text).bytes != text)
    }
  }

  @Test func saysYesOnNormalizedText() throws {
    for style in [ToneStyle.old, .new, .keep] {
      let normalizer = Normalizer(options: NormalizationOptions(toneStyle: style))
      for seed in try TestData.seeds() {
        let clean = try normalizer.normalize(seed.bytes).bytes
        #expect(clean.withUnsafeBufferPointer(normalizer.isAlreadyCanonical), "\(seed.name) \(style)")
      }
    }
  }

  /// Real lines that arrived decomposed, and their NFC forms: the check agrees with the full pass
  /// on every one.
  @Test func agreesWithTheFullPassOnRealLines() throws {
    guard let url = try TestData.shared("data/normalization-samples/non-nfc-lines.jsonl") else { return }
    let normalizer = Normalizer()
    for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
      for key in ["raw", "nfc"] {
        let text = Array((object[key] as! String).utf8)
        let fast = text.withUnsafeBufferPointer(normalizer.isAlreadyCanonical)
        var offsets = OffsetMap()
        let full = try text.withUnsafeBufferPointer { try normalizer.rewrite($0, composed: false, offsets: &offsets) }
        if fast, case .unchanged = full {} else if fast { Issue.record("check says canonical: \(object[key]!)") }
      }
    }
  }
}
