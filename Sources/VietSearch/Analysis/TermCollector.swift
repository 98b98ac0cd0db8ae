import SearchCore
import VietNormalization
import VietText

extension SearchAnalyzer {
  /// The same terms, keys and positions as `forEachTerm`, made in one pass over the bytes (a
  /// scalar is decoded and looked up once, to decide that it belongs to a term and to lowercase
  /// it) and copied once per term, not once per byte: what a build files into the index.
  ///
  /// Appends the terms of `analysis` in `field` to `terms`, numbering them from
  /// `firstPosition`; returns the number of positions used (the field's length for BM25).
  @discardableResult
  public func collectTerms(of analysis: Analysis, field: SearchField, firstPosition: UInt32 = 0, into terms: inout DocumentTerms) -> UInt32 {
    terms.keys.reserveCapacity(terms.keys.count + analysis.bytes.count + analysis.tokens.count)
    return collectTerms(of: analysis, field: field, firstPosition: firstPosition) { key, position in terms.append(key, position: position) }
  }

  /// As above, handing each term to `body` (key valid only during the call).
  @discardableResult @inline(__always)
  public func collectTerms(
    of analysis: Analysis, field: SearchField, firstPosition: UInt32 = 0, _ body: (UnsafeRawBufferPointer, UInt32) -> Void
  ) -> UInt32 {
    let alphabet = keys.alphabet
    let limit = IndexLimits.maximumKeyLength
    var position = firstPosition
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: limit + 8) { scratch in
      let key = scratch.baseAddress!
      analysis.bytes.withUnsafeBufferPointer { text in
        guard let base = text.baseAddress else { return }
        for token in analysis.tokens where Self.isIndexed(token.kind) {
          key[0] = field.rawValue
          var length = 1
          var inRun = false
          var i = token.byteStart
          while i <= token.byteEnd {
            var isWordCharacter = false
            var step = 1
            if i < token.byteEnd {
              let byte = base[i]
              if byte < 0x80 {
                if (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) {
                  isWordCharacter = true
                  if length < limit + 4 {
                    key[length] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    length += 1
                  }
                }
              } else {
                let decoded = UTF8Scanning.decode(base, at: i)
                step = decoded.length
                if let letter = alphabet.letter(decoded.scalar) {
                  isWordCharacter = true
                  if length < limit + 4 {
                    if letter.isUppercase {
                      length += Self.encode(alphabet.scalar(plain: letter.plain, tone: letter.tone, upper: false), at: key + length)
                    } else {
                      for offset in 0..<step { key[length + offset] = base[i + offset] }
                      length += step
                    }
                  }
                } else if Self.isOtherWordCharacter(decoded.scalar) {
                  isWordCharacter = true
                  if length < limit + 4 {
                    for offset in 0..<step { key[length + offset] = base[i + offset] }
                    length += step
                  }
                }
              }
            }
            if isWordCharacter {
              inRun = true
            } else if inRun {
              // A run over the key limit keeps its position but is not indexed.
              if length <= limit {
                body(UnsafeRawBufferPointer(start: key, count: length), position)
              }
              position += 1
              length = 1
              inRun = false
            }
            i += step
          }
        }
      }
    }
    return position - firstPosition
  }

  /// Writes `scalar` as UTF-8 at `target`; returns the bytes written.
  @inline(__always)
  private static func encode(_ scalar: UInt32, at target: UnsafeMutablePointer<UInt8>) -> Int {
    if scalar < 0x80 {
      target[0] = UInt8(scalar)
      return 1
    }
    if scalar < 0x800 {
      target[0] = UInt8(0xC0 | (scalar >> 6))
      target[1] = UInt8(0x80 | (scalar & 0x3F))
      return 2
    }
    if scalar < 0x10000 {
      target[0] = UInt8(0xE0 | (scalar >> 12))
      target[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
      target[2] = UInt8(0x80 | (scalar & 0x3F))
      return 3
    }
    target[0] = UInt8(0xF0 | (scalar >> 18))
    target[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
    target[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
    target[3] = UInt8(0x80 | (scalar & 0x3F))
    return 4
  }
}
