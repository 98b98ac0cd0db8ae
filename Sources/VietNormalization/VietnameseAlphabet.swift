import VietICU
import VietText

/// The Vietnamese letters: which base letter, tone and case each precomposed code point carries.
///
/// Letters are described by a *plain code*: the lowercase ASCII byte for a–z and a small code for
/// the six vowels with a quality mark and đ. The table is built once, by asking ICU to compose
/// every base vowel with every tone mark, so no list of 134 code points is typed by hand.
///
/// The tables are allocated once for the life of the process and read through raw pointers: the
/// normalizer and tokenizer look a letter up for every non-ASCII code point, and array bounds
/// checks and reference counting would otherwise be a large share of that cost.
public struct VietnameseAlphabet: @unchecked Sendable {
  /// The plain codes above ASCII.
  public enum Plain {
    /// The plain code of ă.
    public static let aBreve: UInt8 = 1  // ă
    /// The plain code of â.
    public static let aCircumflex: UInt8 = 2  // â
    /// The plain code of ê.
    public static let eCircumflex: UInt8 = 3  // ê
    /// The plain code of ô.
    public static let oCircumflex: UInt8 = 4  // ô
    /// The plain code of ơ.
    public static let oHorn: UInt8 = 5  // ơ
    /// The plain code of ư.
    public static let uHorn: UInt8 = 6  // ư
    /// The plain code of đ.
    public static let dStroke: UInt8 = 7  // đ
  }

  /// A tone (thanh): 0 ngang (none), 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng.
  public static let toneMarks: [UInt32] = [0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323]

  /// Code points below this bound are described by the table; all Vietnamese letters are.
  static let tableBound = 0x1F00

  /// Per code point: plain code (bits 0–7), tone (bits 8–10), uppercase (bit 11); 0 = not a
  /// Vietnamese letter. Immutable after `init`; never freed (only `shared` is ever built).
  private let info: UnsafePointer<UInt16>
  /// `composed[(plain * 6 + tone) * 2 + upper]`, the precomposed scalar.
  private let composed: UnsafePointer<UInt32>

  /// The base vowels and đ as (plain code, lowercase scalar, uppercase scalar).
  static let bases: [(UInt8, UInt32, UInt32)] = [
    (UInt8(ascii: "a"), 0x61, 0x41), (Plain.aBreve, 0x103, 0x102), (Plain.aCircumflex, 0xE2, 0xC2),
    (UInt8(ascii: "e"), 0x65, 0x45), (Plain.eCircumflex, 0xEA, 0xCA),
    (UInt8(ascii: "i"), 0x69, 0x49),
    (UInt8(ascii: "o"), 0x6F, 0x4F), (Plain.oCircumflex, 0xF4, 0xD4), (Plain.oHorn, 0x1A1, 0x1A0),
    (UInt8(ascii: "u"), 0x75, 0x55), (Plain.uHorn, 0x1B0, 0x1AF), (UInt8(ascii: "y"), 0x79, 0x59),
  ]

  /// The alphabet, built once.
  public static let shared: VietnameseAlphabet = {
    do { return try VietnameseAlphabet() } catch {
      // ICU's composition data ships inside libicu; failing here means a broken installation.
      fatalError("vitext: ICU could not compose Vietnamese letters: \(error)")
    }
  }()

  private init() throws(ICUError) {
    var info = [UInt16](repeating: 0, count: Self.tableBound)
    var composed = [UInt32](repeating: 0, count: 256 * 6 * 2)
    func set(_ scalar: UInt32, plain: UInt8, tone: Int, upper: Bool) {
      info[Int(scalar)] = UInt16(plain) | UInt16(tone) << 8 | (upper ? 0x800 : 0)
      composed[(Int(plain) * 6 + tone) * 2 + (upper ? 1 : 0)] = scalar
    }
    for byte in UInt8(ascii: "a")...UInt8(ascii: "z") {
      set(UInt32(byte), plain: byte, tone: 0, upper: false)
      set(UInt32(byte - 32), plain: byte, tone: 0, upper: true)
    }
    set(0x111, plain: Plain.dStroke, tone: 0, upper: false)
    set(0x110, plain: Plain.dStroke, tone: 0, upper: true)
    for (plain, lower, upper) in Self.bases {
      for (scalar, isUpper) in [(lower, false), (upper, true)] {
        set(scalar, plain: plain, tone: 0, upper: isUpper)
        for tone in 1...5 {
          var bytes: [UInt8] = []
          UTF8Scanning.append(scalar, to: &bytes)
          UTF8Scanning.append(Self.toneMarks[tone], to: &bytes)
          let nfc = try ICU.normalize(bytes, to: .nfc)
          let decoded = nfc.withUnsafeBufferPointer { UTF8Scanning.decode($0.baseAddress!, at: 0) }
          precondition(decoded.length == nfc.count, "ICU left a Vietnamese letter decomposed")
          set(decoded.scalar, plain: plain, tone: tone, upper: isUpper)
        }
      }
    }
    self.info = UnsafePointer(Self.immortalCopy(info))
    self.composed = UnsafePointer(Self.immortalCopy(composed))
  }

  private static func immortalCopy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
    let pointer = UnsafeMutablePointer<T>.allocate(capacity: values.count)
    pointer.initialize(from: values, count: values.count)
    return pointer
  }

  /// The letter at `scalar`, or nil when it is not a Vietnamese (or ASCII) letter.
  @inline(__always)
  public func letter(_ scalar: UInt32) -> Letter? {
    guard scalar < Self.tableBound else { return nil }
    let packed = info[Int(scalar)]
    return packed == 0 ? nil : Letter(packed: packed)
  }

  /// The precomposed scalar for a plain code, tone and case.
  @inline(__always)
  public func scalar(plain: UInt8, tone: Int, upper: Bool) -> UInt32 {
    composed[(Int(plain) * 6 + tone) * 2 + (upper ? 1 : 0)]
  }

  /// A Vietnamese letter, unpacked.
  public struct Letter: Hashable, Sendable {
    let packed: UInt16
    /// The letter's plain code: lowercase, tone mark removed, quality mark kept (ASCII for a–z,
    /// a `Plain` code for ă â ê ô ơ ư đ).
    @inline(__always) public var plain: UInt8 { UInt8(truncatingIfNeeded: packed) }
    /// The tone mark the letter carries, numbered as `toneMarks` (0 for none).
    @inline(__always) public var tone: Int { Int(packed >> 8) & 7 }
    /// Whether the letter is uppercase.
    @inline(__always) public var isUppercase: Bool { packed & 0x800 != 0 }
    /// Whether the letter is a vowel (a e i o u y and the six marked vowels).
    @inline(__always) public var isVowel: Bool { VietnameseAlphabet.isVowel(plain) }

    /// The ASCII letter it folds to (đ → d), in its own case.
    @inline(__always) public var asciiFold: UInt8 {
      let base = VietnameseAlphabet.asciiBase(plain)
      return isUppercase ? base - 32 : base
    }
  }

  /// Whether a plain code is one of the twelve vowels.
  @inline(__always)
  public static func isVowel(_ plain: UInt8) -> Bool {
    switch plain {
    case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"),
      UInt8(ascii: "u"), UInt8(ascii: "y"), 1...6:
      return true
    default: return false
    }
  }

  /// The lowercase ASCII letter a plain code folds to.
  @inline(__always)
  public static func asciiBase(_ plain: UInt8) -> UInt8 {
    switch plain {
    case Plain.aBreve, Plain.aCircumflex: return UInt8(ascii: "a")
    case Plain.eCircumflex: return UInt8(ascii: "e")
    case Plain.oCircumflex, Plain.oHorn: return UInt8(ascii: "o")
    case Plain.uHorn: return UInt8(ascii: "u")
    case Plain.dStroke: return UInt8(ascii: "d")
    default: return plain
    }
  }

  /// Whether a vowel carries a quality mark (ă â ê ô ơ ư), which attracts the tone mark.
  @inline(__always)
  static func hasQualityMark(_ plain: UInt8) -> Bool { (1...6).contains(plain) }
}
