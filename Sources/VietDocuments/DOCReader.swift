import Foundation
import VietNormalization

/// Reads a Word 97–2003 document with `antiword`, and decodes it when its "Unicode" is VNI or
/// TCVN3 bytes typed in a legacy font.
///
/// `-w 0` writes each paragraph on one line and a table row's cells separated by tabs, which
/// the header repair splits into columns. `-m UTF-8.txt` maps Word's 8-bit text through
/// Windows-1252, so a VNI document comes out as VNI-read-as-Windows-1252 mojibake
/// ("UÛY BAN NHAÂN DAÂN"), which `LegacyDecoder` detects and decodes.
struct DOCReader {
  var limits: ProgramLimits

  func read(path: String) throws -> RawDocument {
    let output = try ExternalProgram.antiword.run(
      ["-w", "0", "-m", "UTF-8.txt", path], for: path, limits: limits)
    let decoded = LegacyText.decodeIfLegacy(output)
    // antiword separates pages with form feeds when Word stored page breaks.
    var pages = String(decoding: decoded, as: UTF8.self).components(separatedBy: "\u{0C}")
    if pages.count > 1, pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true
    {
      pages.removeLast()
    }
    return RawDocument(pages: pages)
  }
}

/// Detection and decoding of whole texts in TCVN3 or VNI (raw bytes, or read as Windows-1252).
enum LegacyText {
  /// `bytes` as Unicode UTF-8: decoded when `LegacyDecoder.detect` finds a legacy encoding,
  /// unchanged otherwise.
  ///
  /// Old Word files mix the two: a VNI body and a signer's name retyped in Unicode
  /// ("Trương Tấn Thiệu"). One Unicode-only letter makes `detect` call the whole sample
  /// Unicode, so detection looks only at lines that Windows-1252 can hold, and decoding leaves
  /// every line holding a Unicode-only character as it is.
  static func decodeIfLegacy(_ bytes: [UInt8]) -> [UInt8] {
    let decoder = LegacyDecoder.bundled
    guard String(validating: bytes, as: UTF8.self) != nil else {
      // Raw 8-bit bytes: TCVN3 or VNI typed in a legacy font, or another code page.
      let encoding = decoder.detect(Array(bytes.prefix(64 << 10)))
      return encoding == .unicode ? bytes : decoder.decode(bytes, from: encoding)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let legacyLines = lines.map { line in
      line.unicodeScalars.allSatisfy {
        $0.value < 0x100 || LegacyFont.windows1252Byte[$0.value] != nil
      }
    }
    var sample: [UInt8] = []
    for (line, fits) in zip(lines, legacyLines) where fits && sample.count < 64 << 10 {
      sample.append(contentsOf: line.utf8)
      sample.append(0x0A)
    }
    let encoding = decoder.detect(sample)
    guard encoding == .tcvn3Windows1252 || encoding == .vniWindows1252 else { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 4)
    for (index, (line, fits)) in zip(lines, legacyLines).enumerated() {
      if index > 0 { out.append(0x0A) }
      out.append(
        contentsOf: fits ? decoder.decode(Array(line.utf8), from: encoding) : Array(line.utf8))
    }
    return out
  }
}
