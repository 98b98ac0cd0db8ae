import VietNormalization

/// How the names of units, officials and cited documents are shown and told apart across a
/// corpus.
///
/// One body is written many ways: "Bộ Tài chính", "BỘ TÀI CHÍNH", "Bộ tài chính", and in texts
/// extracted from PDF with a line break inside ("Chính\nphủ"). Its *identity* ignores case,
/// tone-mark placement and white space, so all of these count as one; its *display* form is the
/// most frequent written form, with white space folded to single spaces and the canonical tone
/// placement, so `vitext citations`, `/citations` and the search facets show the same
/// "Bộ Tài chính".
public enum EntityName {
  private static let display = Normalizer(options: NormalizationOptions(toneStyle: .old))
  private static let identity = Normalizer(
    options: NormalizationOptions(toneStyle: .old, lowercase: true))

  /// The name as shown: runs of white space (line breaks included) become one space, the ends
  /// are trimmed, tone marks sit where the canonical placement puts them ("Thị uỷ" → "Thị ủy").
  ///
  ///     EntityName.display("Bộ Lao động -\nThương binh và Xã hội")   // "Bộ Lao động - Thương binh và Xã hội"
  public static func display(_ name: String) -> String {
    display.normalize(foldingSpaces(name))
  }

  /// What stays the same across every way of writing the name: its display form in lower case.
  /// The search index keys entity names the same way, so the two count alike.
  ///
  ///     EntityName.identity("BỘ LUẬT LAO ĐỘNG") == EntityName.identity("Bộ luật Lao động")   // true
  public static func identity(_ name: String) -> String {
    identity.normalize(foldingSpaces(name))
  }

  private static func foldingSpaces(_ name: String) -> String {
    name.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// The form to show among written forms counted as (documents, mentions): the one in most
  /// documents, then with most mentions, then the first in byte order (so the choice never
  /// depends on the order documents came in).
  public static func mostFrequent(_ forms: [String: (documents: Int, mentions: Int)]) -> String? {
    forms.max { a, b in
      if a.value.documents != b.value.documents { return a.value.documents < b.value.documents }
      if a.value.mentions != b.value.mentions { return a.value.mentions < b.value.mentions }
      return Array(a.key.utf8).lexicographicallyPrecedes(Array(b.key.utf8)) == false
    }?.key
  }
}
