import SearchCore
import VietNormalization
import VietText

/// The two keys of a term: *exact* (NFC, canonical tone placement, lowercase: "đảng") and
/// *folded* (no diacritics, đ → d: "dang"), each after the field byte.
///
/// Works on UTF-8 bytes of normalized text through the alphabet table; letters of other
/// scripts are kept as they are (only ASCII and Vietnamese letters are lowercased).
public struct TermKeys: TermFolding {
  let alphabet = VietnameseAlphabet.shared

  /// The keys over the shared alphabet table.
  public init() {}

  /// Appends the field byte and the exact key of `p[range]` to `key`.
  @inline(__always)
  public func appendExact(
    _ p: UnsafePointer<UInt8>, _ range: Range<Int>, field: SearchField, to key: inout [UInt8]
  ) {
    key.append(field.rawValue)
    var i = range.lowerBound
    while i < range.upperBound {
      let byte = p[i]
      if byte < 0x80 {
        key.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        i += 1
        continue
      }
      let (scalar, length) = UTF8Scanning.decode(p, at: i)
      if let letter = alphabet.letter(scalar), letter.isUppercase {
        UTF8Scanning.append(
          alphabet.scalar(plain: letter.plain, tone: letter.tone, upper: false), to: &key)
      } else {
        key.append(contentsOf: UnsafeBufferPointer(start: p + i, count: length))
      }
      i += length
    }
  }

  /// The exact key of a string (queries and entity names).
  public func exact(_ text: [UInt8], field: SearchField) -> [UInt8] {
    var key: [UInt8] = []
    text.withUnsafeBufferPointer { buffer in
      if let base = buffer.baseAddress {
        appendExact(base, 0..<buffer.count, field: field, to: &key)
      } else {
        key.append(field.rawValue)
      }
    }
    return key
  }

  public func fold(_ exact: UnsafeRawBufferPointer, into folded: inout [UInt8]) {
    guard let base = exact.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
    var i = 0
    while i < exact.count {
      let byte = base[i]
      if byte < 0x80 {
        folded.append(byte)
        i += 1
        continue
      }
      let (scalar, length) = UTF8Scanning.decode(base, at: i)
      if let letter = alphabet.letter(scalar) {
        folded.append(letter.asciiFold | 0x20)
      } else {
        folded.append(contentsOf: UnsafeBufferPointer(start: base + i, count: length))
      }
      i += length
    }
  }

  /// The folded key of an exact key (field byte included, since it is ASCII and folds to itself).
  public func folded(_ exact: [UInt8]) -> [UInt8] {
    var folded: [UInt8] = []
    exact.withUnsafeBytes { fold($0, into: &folded) }
    return folded
  }

  /// Whether a key carries any diacritic (any byte outside ASCII after the field byte): a
  /// query term typed so is matched exactly, one typed without is matched on its folded key.
  public static func hasDiacritics(_ exact: [UInt8]) -> Bool {
    exact.dropFirst().contains { $0 >= 0x80 }
  }
}
