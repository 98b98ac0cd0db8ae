import Foundation

/// Comparison of extracted text with the text a fixture was made from.
enum TextComparison {
  /// NFC (Foundation's, an oracle independent of the library's ICU path), every run of
  /// whitespace as one space, trimmed: line breaks and paragraph joins are layout, not text.
  static func normalized(_ text: String) -> [Unicode.Scalar] {
    let nfc = text.precomposedStringWithCanonicalMapping
    let words = nfc.split(whereSeparator: { $0.isWhitespace })
    return Array(words.joined(separator: " ").unicodeScalars)
  }

  /// Levenshtein distance over code points, two rows (O(n·m) time, O(m) memory).
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// 1 − distance / source length: the share of the source's characters extracted right.
  static func agreement(extracted: String, source: String) -> Double {
    let a = normalized(extracted)
    let b = normalized(source)
    return 1 - Double(editDistance(a, b)) / Double(max(b.count, 1))
  }
}

/// Paths of the committed fixtures (made by `Fixtures/make-fixtures.py`).
enum Fixture {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")
  static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
  static var sourceText: String {
    get throws { try String(contentsOfFile: path("thong-tu-14-2026.txt"), encoding: .utf8) }
  }
}
