import CICUShims

/// The few ICU services vitext uses, behind Swift types.
///
/// Every entry point takes and returns UTF-8 bytes: the rest of vitext never builds a `String`
/// on a hot path, and ICU's UTF-16 is an implementation detail of this module.
public enum ICU {
  /// A Unicode normalization form.
  public enum Form: Sendable {
    /// Canonical composition: "ệ" as one code point, as vitext stores text.
    case nfc
    /// Canonical decomposition: "ệ" as "e" and two combining marks.
    case nfd
  }

  /// Normalizes UTF-8 bytes to `form`.
  public static func normalize<C: Collection<UInt8>>(_ bytes: C, to form: Form) throws(ICUError)
    -> [UInt8]
  {
    let raw = form == .nfc ? Int32(VT_FORM_NFC) : Int32(VT_FORM_NFD)
    return try growing(bytes, estimate: bytes.count * 3 / 2 + 16) {
      source, count, destination, capacity, status in
      vt_normalize_utf8(raw, source, count, destination, capacity, &status)
    }
  }

  /// Lowercases UTF-8 bytes with ICU's full case mapping for `locale` (Vietnamese by default).
  public static func lowercase<C: Collection<UInt8>>(_ bytes: C, locale: String = "vi")
    throws(ICUError) -> [UInt8]
  {
    let localeName = Array(locale.utf8CString)
    return try growing(bytes, estimate: bytes.count + 16) {
      source, count, destination, capacity, status in
      localeName.withUnsafeBufferPointer {
        vt_to_lower_utf8($0.baseAddress, source, count, destination, capacity, &status)
      }
    }
  }

  /// The canonical combining class (0 for starters).
  @inlinable
  public static func combiningClass(_ scalar: UInt32) -> UInt8 { vt_combining_class(scalar) }

  /// Whether ICU counts the code point as alphabetic.
  @inlinable
  public static func isAlphabetic(_ scalar: UInt32) -> Bool { vt_is_alphabetic(scalar) != 0 }

  /// ICU's general category (`UCharCategory` raw value).
  @inlinable
  public static func category(_ scalar: UInt32) -> GeneralCategory {
    GeneralCategory(rawValue: vt_char_category(scalar))
  }

  /// One flag per BMP code point: whether a run of such characters is already NFC.
  public static func nfcSafeBMPFlags() throws(ICUError) -> [UInt8] {
    var status: Int32 = 0
    let flags = [UInt8](unsafeUninitializedCapacity: 0x10000) { buffer, count in
      vt_nfc_safe_bmp_flags(buffer.baseAddress!, &status)
      count = 0x10000
    }
    try ICUError.check(status)
    return flags
  }

  /// Runs an ICU-style "preflight or fill" call, retrying once with the size it asked for.
  private static func growing<C: Collection<UInt8>>(
    _ bytes: C, estimate: Int,
    _ call: (UnsafePointer<UInt8>?, Int64, UnsafeMutablePointer<UInt8>, Int64, inout Int32) -> Int64
  ) throws(ICUError) -> [UInt8] {
    func fill(_ input: UnsafeBufferPointer<UInt8>) throws(ICUError) -> [UInt8] {
      var capacity = max(estimate, 16)
      while true {
        var status: Int32 = 0
        var needed = 0
        let result = [UInt8](unsafeUninitializedCapacity: capacity) { output, count in
          needed = Int(
            call(
              input.baseAddress, Int64(input.count), output.baseAddress!, Int64(capacity), &status))
          count = needed <= capacity ? needed : 0
        }
        try ICUError.check(status)
        if needed <= capacity { return result }
        capacity = needed
      }
    }
    let contiguous = bytes.withContiguousStorageIfAvailable { input in
      Result { () throws(ICUError) -> [UInt8] in try fill(input) }
    }
    if let contiguous { return try contiguous.get() }
    return try Array(bytes).withUnsafeBufferPointer { input in
      Result { () throws(ICUError) -> [UInt8] in try fill(input) }
    }.get()
  }
}

/// ICU's `UCharCategory`, as an open set of values (new Unicode versions add none often, but
/// callers should not switch exhaustively).
public struct GeneralCategory: RawRepresentable, Hashable, Sendable {
  /// ICU's `UCharCategory` value.
  public let rawValue: Int32
  /// The category with ICU's `UCharCategory` value `rawValue`.
  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// Unicode general category Lu.
  public static let uppercaseLetter = GeneralCategory(rawValue: 1)
  /// Unicode general category Ll.
  public static let lowercaseLetter = GeneralCategory(rawValue: 2)
  /// Unicode general category Lt.
  public static let titlecaseLetter = GeneralCategory(rawValue: 3)
  /// Unicode general category Lm.
  public static let modifierLetter = GeneralCategory(rawValue: 4)
  /// Unicode general category Lo.
  public static let otherLetter = GeneralCategory(rawValue: 5)
  /// Unicode general category Mn.
  public static let nonSpacingMark = GeneralCategory(rawValue: 6)
  /// Unicode general category Me.
  public static let enclosingMark = GeneralCategory(rawValue: 7)
  /// Unicode general category Mc.
  public static let combiningSpacingMark = GeneralCategory(rawValue: 8)
  /// Unicode general category Nd.
  public static let decimalDigit = GeneralCategory(rawValue: 9)
  /// Unicode general category Zs.
  public static let spaceSeparator = GeneralCategory(rawValue: 12)
  /// Unicode general category Zl.
  public static let lineSeparator = GeneralCategory(rawValue: 13)
  /// Unicode general category Zp.
  public static let paragraphSeparator = GeneralCategory(rawValue: 14)
  /// Unicode general category Cc.
  public static let control = GeneralCategory(rawValue: 15)
  /// Unicode general category Cf.
  public static let format = GeneralCategory(rawValue: 16)
  /// Unicode general category Co.
  public static let privateUse = GeneralCategory(rawValue: 17)
  /// Unicode general category Pd.
  public static let dashPunctuation = GeneralCategory(rawValue: 19)
  /// Unicode general category Ps.
  public static let startPunctuation = GeneralCategory(rawValue: 20)
  /// Unicode general category Pe.
  public static let endPunctuation = GeneralCategory(rawValue: 21)
  /// Unicode general category Pc.
  public static let connectorPunctuation = GeneralCategory(rawValue: 22)
  /// Unicode general category Po.
  public static let otherPunctuation = GeneralCategory(rawValue: 23)
  /// Unicode general category Sm.
  public static let mathSymbol = GeneralCategory(rawValue: 24)
  /// Unicode general category Sc.
  public static let currencySymbol = GeneralCategory(rawValue: 25)
  /// Unicode general category Sk.
  public static let modifierSymbol = GeneralCategory(rawValue: 26)
  /// Unicode general category So.
  public static let otherSymbol = GeneralCategory(rawValue: 27)
  /// Unicode general category Pi.
  public static let initialPunctuation = GeneralCategory(rawValue: 28)
  /// Unicode general category Pf.
  public static let finalPunctuation = GeneralCategory(rawValue: 29)

  /// Lu, Ll, Lt, Lm or Lo.
  public var isLetter: Bool { (1...5).contains(rawValue) }
  /// Mn, Me or Mc: combining marks (Vietnamese tone and vowel marks in NFD).
  public var isMark: Bool { (6...8).contains(rawValue) }
  /// Pd, Ps, Pe, Pc, Po, Pi or Pf.
  public var isPunctuation: Bool {
    (19...23).contains(rawValue) || rawValue == 28 || rawValue == 29
  }
  /// Sm, Sc, Sk or So.
  public var isSymbol: Bool { (24...27).contains(rawValue) }
}
