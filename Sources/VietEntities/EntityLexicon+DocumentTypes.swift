extension EntityLexicon {
  /// The canonical type name a type code stands for (`NĐ` → "Nghị định", `KH` → "Kế hoạch"),
  /// from `document-types.tsv`; nil for a code the table does not list.
  ///
  /// Document readers use it to name a document's type from its own number when the header
  /// has no type line (a Công văn: `Số: 123/UBND-VX`).
  public func documentTypeName(forCode code: String) -> String? { typeForCode[code] }

  /// Every canonical type name that has a code, for matching a header's type line
  /// ("NGHỊ ĐỊNH", "KẾ HOẠCH").
  public var codedDocumentTypeNames: Set<String> { Set(typeForCode.values) }
}

extension EntityLexicon {
  /// The issuing body an issuer code names (`BKHĐT` → "Bộ Kế hoạch và Đầu tư", `CP` →
  /// "Chính phủ"), from `issuer-codes.tsv`; nil for a code the table does not list.
  public func issuerName(forCode code: String) -> String? { issuers[code]?.name }
}
