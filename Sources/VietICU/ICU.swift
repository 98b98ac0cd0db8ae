import CICUShims

/// The few ICU services vitext uses, behind Swift types.
///
/// Every entry point takes and returns UTF-8 bytes: the rest of vitext never builds a `String`
/// on a hot path, and ICU's UTF-16 is an implementation detail of this module.
public enum ICU {
  /// A Unicode normalization form.
  public enum Form: Sendable { case nfc, nfd }

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
          needed = Int(call(input.baseAddress, Int64(input.count), output.baseAddress!, Int64(capacity), &status))
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
  public let rawValue: Int32
  public init(rawValue: Int32) { self.rawValue = rawValue }

  public static let uppercaseLetter = GeneralCategory(rawValue: 1)
  public static let lowercaseLetter = GeneralCategory(rawValue: 2)
  public static let titlecaseLetter = GeneralCategory(rawValue: 3)
  public static let modifierLetter = GeneralCategory(rawValue: 4)
  public static let otherLetter = GeneralCategory(rawValue: 5)
  public static let nonSpacingMark = GeneralCategory(rawValue: 6)
  public static let enclosingMark = GeneralCategory(rawValue: 7)
  public static let combiningSpacingMark = GeneralCategory(rawValue: 8)
  public static let decimalDigit = GeneralCategory(rawValue: 9)
  public static let spaceSeparator = GeneralCategory(rawValue: 12)
  public static let lineSeparator = GeneralCategory(rawValue: 13)
  public static let paragraphSeparator = GeneralCategory(rawValue: 14)
  public static let control = GeneralCategory(rawValue: 15)
  public static let format = GeneralCategory(rawValue: 16)
  public static let privateUse = GeneralCategory(rawValue: 17)
  public static let dashPunctuation = GeneralCategory(rawValue: 19)
  public static let startPunctuation = GeneralCategory(rawValue: 20)
  public static let endPunctuation = GeneralCategory(rawValue: 21)
  public static let connectorPunctuation = GeneralCategory(rawValue: 22)
  public static let otherPunctuation = GeneralCategory(rawValue: 23)
  public static let mathSymbol = GeneralCategory(rawValue: 24)
  public static let currencySymbol = GeneralCategory(rawValue: 25)
  public static let modifierSymbol = GeneralCategory(rawValue: 26)
  public static let otherSymbol = GeneralCategory(rawValue: 27)
  public static let initialPunctuation = GeneralCategory(rawValue: 28)
  public static let finalPunctuation = GeneralCategory(rawValue: 29)

  public var isLetter: Bool { (1...5).contains(rawValue) }
  public var isMark: Bool { (6...8).contains(rawValue) }
  public var isPunctuation: Bool { (19...23).contains(rawValue) || rawValue == 28 || rawValue == 29 }
  public var isSymbol: Bool { (24...27).contains(rawValue) }
}
