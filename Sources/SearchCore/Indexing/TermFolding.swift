/// How a language turns a term's exact key into its folded key (for Vietnamese: no tone or
/// quality marks, đ → d). The core stores both forms of every term and sorts the dictionary by
/// folded key, so all exact spellings of one folded key sit side by side: a query typed without
/// diacritics reads one contiguous run of terms.
public protocol TermFolding: Sendable {
  /// Appends the folded form of `exact` to `folded`. Must keep the first byte (the field).
  func fold(_ exact: UnsafeRawBufferPointer, into folded: inout [UInt8])
}
