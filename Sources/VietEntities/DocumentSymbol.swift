/// A document's number and symbol (số, ký hiệu), parsed.
///
/// Party documents write number, hyphen, type code, slash, issuer code (`11-ĐA/TU`); state
/// documents the mirror image, with the year for normative ones (`30/2020/NĐ-CP`, `130/KH-UBND`)
/// and only the legislature for laws (`80/2015/QH13`). Real text also has `05-HD-TU` (hyphen for
/// slash) and `22/NQ-TU` (a Party document written the state way); both are read and flagged.
/// Official letters (công văn) carry no type code: `4836/SNV-TCBC` is the issuer and its
/// department (Sở Nội vụ, phòng Tổ chức – biên chế), as Nghị định 30/2020/NĐ-CP Phụ lục III
/// writes them.
struct DocumentSymbol: Hashable, Sendable {
  var number: String
  var year: Int?
  var typeCode: String?
  var issuerCode: String?
  var isParty: Bool
  var isMalformed = false
  var hasNonstandardSeparator = false

  /// Parses a token the tokenizer marked as a document number; nil when it is not one.
  ///
  /// - Parameters:
  ///   - isPartyIssuer: whether an issuer code is a Party body's (`TU`, `BTCTW`).
  ///   - isTypeCode: whether a code names a document type (`NĐ`, `KH`); a state symbol whose
  ///     first code is none and is followed by a hyphen is an official letter's, all issuer.
  init?(_ text: Substring, isPartyIssuer: (String) -> Bool, isTypeCode: (String) -> Bool) {
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
    // "66.13/2026/NQ-CP": a number with a dot, as the Government numbers some resolutions.
    if index > 0, index + 1 < scalars.count, scalars[index] == ".",
      ("0"..."9").contains(scalars[index + 1])
    {
      index += 1
      while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
    }
    guard index > 0, index < scalars.count else { return nil }
    number = String(String.UnicodeScalarView(scalars[..<index]))
    let separator = scalars[index]
    let rest = String(String.UnicodeScalarView(scalars[(index + 1)...]))
    guard !rest.isEmpty else { return nil }
    if separator == "-" {
      isParty = true
      if let slash = rest.firstIndex(of: "/") {
        typeCode = String(rest[..<slash])
        issuerCode = String(rest[rest.index(after: slash)...])
      } else if let hyphen = rest.firstIndex(of: "-") {
        typeCode = String(rest[..<hyphen])
        issuerCode = String(rest[rest.index(after: hyphen)...])
        isMalformed = true
      } else {
        return nil
      }
    } else if separator == "/" {
      isParty = false
      var remainder = Substring(rest)
      let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
      if parts.count == 2, parts[0].count == 4, let year = Int(parts[0]),
        (1945...2100).contains(year)
      {
        self.year = year
        remainder = parts[1]
      }
      if remainder.hasPrefix("QH"), remainder.dropFirst(2).allSatisfy(\.isNumber) {
        issuerCode = String(remainder)
      } else if let slash = remainder.firstIndex(of: "/") {
        // "72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN": a joint document, its issuers after a slash.
        typeCode = String(remainder[..<slash])
        issuerCode = String(remainder[remainder.index(after: slash)...])
      } else if let hyphen = remainder.firstIndex(of: "-"), year == nil,
        !isTypeCode(String(remainder[..<hyphen])),
        !isPartyIssuer(String(remainder[remainder.index(after: hyphen)...]))
      {
        // "4836/SNV-TCBC": no type code; the issuer and its department.
        issuerCode = String(remainder)
      } else if let hyphen = remainder.firstIndex(of: "-") {
        typeCode = String(remainder[..<hyphen])
        issuerCode = String(remainder[remainder.index(after: hyphen)...])
        if year == nil, let issuerCode, isPartyIssuer(issuerCode) {
          isParty = true
          hasNonstandardSeparator = true
        }
      } else if year == nil {
        // "12/2021" is a date the tokenizer let through; "5/KH" has no issuer.
        guard remainder.contains(where: \.isLetter) else { return nil }
        typeCode = String(remainder)
      } else {
        issuerCode = String(remainder)
      }
    } else {
      return nil
    }
    if let typeCode, typeCode.isEmpty { self.typeCode = nil }
    if let issuerCode, issuerCode.isEmpty { self.issuerCode = nil }
  }

  /// The number without leading zeros.
  var ordinal: String { Self.withoutLeadingZeros(number.utf8) }

  /// Digits as a number is cited: "05" → "5" ("0" stays "0").
  static func withoutLeadingZeros(_ digits: some Collection<UInt8>) -> String {
    let trimmed = digits.drop { $0 == UInt8(ascii: "0") }
    return trimmed.isEmpty ? "0" : String(decoding: trimmed, as: UTF8.self)
  }

  /// One spelling for every way of writing the same symbol: leading zeros dropped, the Party
  /// layout for Party documents, upper-case codes ("QĐi" keeps its i: it tells Quy định apart).
  var canonical: String {
    let type = typeCode ?? ""
    let issuer = issuerCode ?? ""
    if isParty { return "\(ordinal)-\(type)/\(issuer)" }
    var text = ordinal
    if let year { text += "/\(year)" }
    if !type.isEmpty {
      text += "/\(type)" + (issuer.isEmpty ? "" : "-\(issuer)")
    } else if !issuer.isEmpty {
      text += "/\(issuer)"
    }
    return text
  }
}
