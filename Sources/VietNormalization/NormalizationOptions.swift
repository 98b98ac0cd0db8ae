/// Where the tone mark goes in the open syllables oa, oe, uy, where both styles are in use.
public enum ToneStyle: String, Sendable, CaseIterable {
  /// "hòa", "khỏe", "thủy": the traditional placement, most common in today's news.
  case old
  /// "hoà", "khoẻ", "thuỷ": the placement of the 1980s spelling reform.
  case new
  /// Leave tone marks where they are.
  case keep
}

/// How much of the diacritics to remove.
public enum FoldLevel: String, Sendable, CaseIterable {
  /// Keep every diacritic.
  case none
  /// Drop the five tone marks, keep ă â ê ô ơ ư đ: "Hoà Bình" → "Hoa Bình".
  case tones
  /// Plain ASCII letters, đ → d: "Hoà Bình" → "Hoa Binh".
  case all
}

/// What `Normalizer` does besides its always-on clean-up.
public struct NormalizationOptions: Hashable, Sendable {
  /// The Unicode normalization form of the output (NFC unless asked).
  public var form: FormChoice
  /// Where tone marks go in oa, oe, uy.
  public var toneStyle: ToneStyle
  /// How much of the diacritics to remove.
  public var fold: FoldLevel
  /// Whether to lowercase the text.
  public var lowercase: Bool

  /// The Unicode normalization form of the output.
  public enum FormChoice: String, Sendable, CaseIterable {
    /// Composed (NFC): what the rest of vitext reads and what offsets count in.
    case nfc
    /// Decomposed (NFD): base letters followed by combining marks.
    case nfd
  }

  /// Makes options; the defaults are `standard`.
  public init(
    form: FormChoice = .nfc, toneStyle: ToneStyle = .old, fold: FoldLevel = .none,
    lowercase: Bool = false
  ) {
    self.form = form
    self.toneStyle = toneStyle
    self.fold = fold
    self.lowercase = lowercase
  }

  /// NFC, old-style tone placement, no folding: what the tokenizer and tagger work on.
  public static let standard = NormalizationOptions()

  /// The key under which search indexes a syllable's folded form: ASCII, lowercase.
  public static let searchFolded = NormalizationOptions(fold: .all, lowercase: true)
}
