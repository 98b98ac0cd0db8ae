import VietText

/// What the rule layer proposed for a run of tokens; the learned layer reads these as features.
struct RuleSpan: Sendable {
  var tokens: Range<Int>
  var label: EntityLabel
}

/// The tags of the learned layer: BIO over the two labels it decides (OFFICIAL, UNIT). DECREE and
/// DATE stay with the rules, whose parses give their fields.
enum EntityTag: Int, CaseIterable {
  case outside = 0
  case beginOfficial, insideOfficial, beginUnit, insideUnit

  static let count = 5

  var label: EntityLabel? {
    switch self {
    case .outside: nil
    case .beginOfficial, .insideOfficial: .official
    case .beginUnit, .insideUnit: .unit
    }
  }

  var begins: Bool { self == .beginOfficial || self == .beginUnit }

  /// Whether this tag may follow `previous` (`nil`: the start of a region). An inside tag
  /// continues an entity of its own label only.
  static func allowed(_ tag: Int, after previous: Int?) -> Bool {
    switch tag {
    case EntityTag.insideOfficial.rawValue:
      return previous == EntityTag.beginOfficial.rawValue
        || previous == EntityTag.insideOfficial.rawValue
    case EntityTag.insideUnit.rawValue:
      return previous == EntityTag.beginUnit.rawValue || previous == EntityTag.insideUnit.rawValue
    default:
      return true
    }
  }
}

/// The features of one document's tokens for the learned layer, at training and at tagging time
/// alike: the two must never differ, so both go through this type.
///
/// The model tags only *regions*: runs of tokens around a rule proposal for OFFICIAL or UNIT (two
/// tokens either side, and on over capitalised words), cut at the rules' DECREE and DATE spans.
/// It corrects and completes what the rules propose; running text, the bulk of a report, is
/// never scored, which keeps the tagger's throughput. Inside a region a token's features are hashed from its key and its neighbours'
/// (case- and tone-placement-blind, as the rules' tables), shapes and kinds, the rule layer's
/// proposal over it and its neighbours, and which tables (unit words, titles, family names, place
/// names, level words) match there.
struct EntityFeatures {
  /// Feature templates per token; every token has exactly this many features.
  static let templateCount = 22
  /// Tokens either side of a trigger that a region takes in.
  static let context = 2

  let text: TaggedText
  /// Per token: the rule label (1 OFFICIAL, 2 UNIT, 3 DECREE, 4 DATE) << 2, | 2 on its first
  /// token, | 1 on its last; 0 outside every proposal.
  private(set) var rule: [UInt8]
  /// Per token, what the tables say (bits below); filled in regions only.
  private(set) var tables: [UInt8]
  /// The runs of tokens the model tags; everything else is outside.
  private(set) var regions: [Range<Int>] = []

  private static let unitStart: UInt8 = 1, unitCover: UInt8 = 2, titleStart: UInt8 = 4,
    titleCover: UInt8 = 8
  private static let surname: UInt8 = 16, placeStart: UInt8 = 32, placeCover: UInt8 = 64,
    level: UInt8 = 128

  init(text: TaggedText, rules: [RuleSpan], lexicon: EntityLexicon) {
    self.text = text
    let n = text.count
    var rule = [UInt8](repeating: 0, count: n)
    for span in rules where !span.tokens.isEmpty {
      let code: UInt8 =
        switch span.label {
        case .official: 1
        case .unit: 2
        case .decree: 3
        case .date: 4
        }
      for index in span.tokens { rule[index] = code << 2 }
      rule[span.tokens.lowerBound] |= 2
      rule[span.tokens.upperBound - 1] |= 1
    }
    self.rule = rule

    // Regions: tokens near a rule proposal for OFFICIAL or UNIT, grown over the capitalised
    // words that continue a name either way, never into a DECREE or DATE proposal. Anchoring
    // regions on capitalised unit or title words too found no more in 5-fold cross-validation
    // (UNIT 0.813 against 0.807 exact F1, OFFICIAL 0.807 against 0.816) and cost a third more
    // time; anchoring them on every capital (0.844 UNIT) doubled the layer's cost, since half
    // the tokens of the gov corpus sit near a capital.
    let keys = text.keys
    var marked = [Bool](repeating: false, count: n)
    var tables = [UInt8](repeating: 0, count: n)
    for index in 0..<n {
      let label = rule[index] >> 2
      guard label == 1 || label == 2 else { continue }
      for position in max(0, index - Self.context)...min(n - 1, index + Self.context) {
        marked[position] = true
      }
    }
    // A name runs on over capitalised words, either way.
    for index in 1..<max(1, n)
    where marked[index - 1] && !marked[index] && text.isCapitalized(index) {
      marked[index] = true
    }
    for index in stride(from: n - 2, through: 0, by: -1)
    where marked[index + 1] && !marked[index] && text.isCapitalized(index) {
      marked[index] = true
    }
    var start: Int?
    for index in 0...n {
      let open = index < n && marked[index] && rule[index] >> 2 < 3
      if open, start == nil { start = index }
      if !open, let first = start {
        regions.append(first..<index)
        start = nil
      }
    }

    for region in regions {
      for index in region {
        Self.lookUpPhrases(at: index, keys: keys, lexicon: lexicon, into: &tables)
        if let (length, _) = lexicon.places.longestMatch(in: keys, at: index) {
          tables[index] |= Self.placeStart
          for position in index..<index + length { tables[position] |= Self.placeCover }
        }
        if lexicon.surnames.contains(keys[index]) { tables[index] |= Self.surname }
        if lexicon.levels.longestMatch(in: keys, at: index) != nil { tables[index] |= Self.level }
      }
    }
    self.tables = tables
  }

  /// Marks the unit and title phrases starting at `index`.
  @inline(__always)
  private static func lookUpPhrases(
    at index: Int, keys: [UInt64], lexicon: EntityLexicon, into tables: inout [UInt8]
  ) {
    if let (length, _) = lexicon.units.longestMatch(in: keys, at: index) {
      tables[index] |= unitStart
      for position in index..<index + length { tables[position] |= unitCover }
    }
    if let (length, _) = lexicon.titles.longestMatch(in: keys, at: index) {
      tables[index] |= titleStart
      for position in index..<index + length { tables[position] |= titleCover }
    }
  }

  /// A small code for a token's kind and capitalisation.
  @inline(__always)
  private func shape(_ index: Int) -> UInt64 {
    guard index >= 0, index < text.count else { return 0xFF }
    let kind: UInt64 =
      switch text.tokens[index].kind {
      case .syllable: 0
      case .abbreviation: 1
      case .number: 2
      case .percent, .symbol: 3
      case .date, .time: 4
      case .documentNumber: 5
      case .url, .email: 6
      case .punctuation: 7
      }
    var code = kind << 3 | UInt64(text.shapes[index].rawValue)
    if kind == 7 { code |= UInt64(text.bytes[text.tokens[index].byteStart]) << 8 }
    return code
  }

  @inline(__always)
  private func key(_ index: Int) -> UInt64 {
    index >= 0 && index < text.count ? text.keys[index] : 0x0E0E_0E0E
  }

  @inline(__always)
  private func ruleCode(_ index: Int) -> UInt64 {
    index >= 0 && index < text.count ? UInt64(rule[index]) : 0xFF
  }

  @inline(__always)
  private func tableCode(_ index: Int) -> UInt64 {
    index >= 0 && index < text.count ? UInt64(tables[index]) : 0x1FF
  }

  /// Writes the feature hashes of token `i` into `out`, which has room for `templateCount`
  /// values.
  @inline(__always)
  func features(at i: Int, into out: UnsafeMutablePointer<UInt64>) {
    let k = key(i)
    let kl = key(i - 1)
    let kr = key(i + 1)
    let s = shape(i)
    let sl = shape(i - 1)
    let sr = shape(i + 1)
    let r = ruleCode(i)
    let rl = ruleCode(i - 1)
    let rr = ruleCode(i + 1)
    let t = tableCode(i)
    let tl = tableCode(i - 1)
    let tr = tableCode(i + 1)
    let breaks: UInt64 =
      (text.hasLineBreak(before: i) ? 1 : 0) | (text.hasLineBreak(before: i + 1) ? 2 : 0)
      | (text.isGlued(i) ? 4 : 0) | (text.isGlued(i + 1) ? 8 : 0)
    out[0] = Self.template(0, 0)
    out[1] = Self.template(1, k)
    out[2] = Self.template(2, kl)
    out[3] = Self.template(3, kr)
    out[4] = Self.template(4, key(i - 2))
    out[5] = Self.template(5, key(i + 2))
    out[6] = Self.template(6, combine(kl, k))
    out[7] = Self.template(7, combine(k, kr))
    out[8] = Self.template(8, sl | s << 16 | sr << 32)
    out[9] = Self.template(9, combine(kl, s))
    out[10] = Self.template(10, r)
    out[11] = Self.template(11, rl | r << 8 | rr << 16)
    out[12] = Self.template(12, combine(k, r))
    out[13] = Self.template(13, t)
    out[14] = Self.template(14, tl | t << 9 | tr << 18)
    out[15] = Self.template(15, breaks | s << 4)
    out[16] = Self.template(16, r | s << 8 | t << 24)
    out[17] = Self.template(17, combine(k, sr))
    out[18] = Self.template(18, rl | r << 8 | sl << 16 | s << 32)
    out[19] = Self.template(19, t | tl << 9 | s << 18 | sl << 34)
    out[20] = Self.template(20, combine(kl, r))
    out[21] = Self.template(21, r | breaks << 8 | sl << 16)
  }

  /// The slot hash of a feature: one multiply (Fibonacci hashing; the model reads the top bits).
  /// Token keys are hashes already, so a full finalizer per feature bought nothing but time.
  @inline(__always)
  private static func template(_ id: UInt64, _ value: UInt64) -> UInt64 {
    (value ^ (id &* 0xA24B_AED4_963E_E407) ^ (value >> 29)) &* 0x9E37_79B9_7F4A_7C15
  }

  @inline(__always)
  private func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
    (a &* 0xD6E8_FEB8_6659_FD93) ^ (b &+ (b << 21)) ^ (a >> 32)
  }
}

/// A 64-bit finalizer (SplitMix64's), spreading feature values over the hash table.
@inline(__always)
func entityMix(_ x: UInt64) -> UInt64 {
  var z = x
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}
