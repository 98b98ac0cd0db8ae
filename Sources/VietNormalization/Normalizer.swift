import VietICU
import VietText

/// Makes Vietnamese text canonical, so that the same word is always the same bytes.
///
/// It always cleans up (space separators and control characters → space, invisible characters
/// removed except a zero-width joiner inside an emoji sequence,
/// CRLF → LF, Ð/ð → Đ/đ at the start of a Vietnamese word), composes to NFC through ICU, and moves
/// tone marks to one placement; on request it folds diacritics, lowercases, or writes NFD.
///
///     let normalizer = Normalizer()
///     normalizer.normalize("Quận uỷ")                 // "Quận ủy"
///     Normalizer(options: .searchFolded).normalize("Hoà BÌNH, đường")  // "hoa binh, duong"
///
/// The work is done on UTF-8 bytes in two passes. The first hands ICU only the stretches that are
/// not already NFC (ICU's quick-check data decides, read once into a table); the second rewrites
/// letters word by word and copies nothing until the first change, so clean NFC input costs two
/// scans and no allocation beyond the result.
public struct Normalizer: Sendable {
  /// What the normalizer does besides its always-on clean-up.
  public var options: NormalizationOptions
  let orthography: Orthography
  let alphabet: VietnameseAlphabet
  let classes: CharacterClasses
  let toneContexts: MisplacedToneContexts

  /// A normalizer with `options`, placing tones by `orthography`'s syllable tables.
  public init(options: NormalizationOptions = .standard, orthography: Orthography = .bundled) {
    self.options = options
    self.orthography = orthography
    self.alphabet = .shared
    self.classes = .shared
    self.toneContexts = .of(orthography)
  }

  /// Normalized text and where its code points came from.
  public struct Output: Sendable {
    /// UTF-8 bytes of the normalized text.
    public var bytes: [UInt8]
    /// Maps code-point offsets in `bytes` to code-point offsets in NFC of the input.
    public var offsets: OffsetMap
  }

  /// Normalizes UTF-8 bytes.
  ///
  /// - Throws: `InvalidUTF8Error` for bytes that are not UTF-8 (repair them first with
  ///   `UTF8Scanning.repairing`, or decode legacy encodings with `LegacyDecoder`); `ICUError`
  ///   when ICU fails.
  public func normalize(_ bytes: [UInt8]) throws -> Output {
    if let bad = bytes.withUnsafeBufferPointer(UTF8Scanning.firstInvalidOffset) {
      throw InvalidUTF8Error(source: "<input>", byteOffset: bad)
    }
    return try normalize(validUTF8: bytes)
  }

  /// Normalizes bytes the caller has already checked to be UTF-8.
  public func normalize(validUTF8 bytes: [UInt8]) throws(ICUError) -> Output {
    if options.fold == .none && !options.lowercase && options.form == .nfc
      && bytes.withUnsafeBufferPointer(isAlreadyCanonical)
    {
      return Output(bytes: bytes, offsets: OffsetMap())
    }
    var offsets = OffsetMap()
    var text = bytes
    var composed = false
    while true {
      let result = try text.withUnsafeBufferPointer { (input) throws(ICUError) in
        // Folding has a pass of its own for text that needs no clean-up (most text).
        if options.fold != .none,
          let folded = foldingRewrite(input, composed: composed, offsets: &offsets)
        {
          return folded
        }
        return try rewrite(input, composed: composed, offsets: &offsets)
      }
      switch result {
      case .unchanged:
        break
      case .rewritten(let rewritten, let mayNeedRecomposition):
        text = rewritten
        if mayNeedRecomposition,
          let recomposed = try text.withUnsafeBufferPointer({ (input) throws(ICUError) in
            try composeNFC(input)
          })
        {
          text = recomposed
        }
      case .needsComposition:
        // Only on the first round: composed text never asks again.
        text =
          try bytes.withUnsafeBufferPointer { (input) throws(ICUError) in try composeNFC(input) }
          ?? bytes
        composed = true
        offsets = OffsetMap()
        continue
      }
      break
    }
    if options.form == .nfd { text = try ICU.normalize(text, to: .nfd) }
    return Output(bytes: text, offsets: offsets)
  }

  /// Normalizes a string (a convenience for small texts; the byte API is the fast one).
  public func normalize(_ string: String) -> String {
    // A Swift String is always valid UTF-8, and ICU only fails on memory exhaustion.
    guard let output = try? normalize(validUTF8: Array(string.utf8)) else { return string }
    return String(decoding: output.bytes, as: UTF8.self)
  }
}
