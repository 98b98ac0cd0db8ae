import Foundation
import VietNormalization

/// Text drawn in a pre-Unicode Vietnamese font (.VnTime in TCVN3, VNI-Times in VNI), which a
/// PDF's text layer reports as the font's byte codes: "Chính phủ" comes out as "ChÝnh phñ".
///
/// Detection goes by the font's name *and* by the text: a file can declare .VnTime and draw
/// nothing with it, so a run is decoded only when its font is legacy, and a document counts as
/// legacy only when decoding improves it (see `LegacyDecoder.detect`).
enum LegacyFont {
  /// The encoding a font name implies, or nil for a Unicode font.
  ///
  /// TCVN3 (ABC) fonts are named `.Vn…` (`.VnTime`, `.VnTimeH`, `.VnArial`, `.Vn3DH`);
  /// VNI fonts `VNI-…` (`VNI-Times`). A subset prefix (`BADEPR+`) is dropped first.
  static func encoding(ofFont name: String) -> SourceEncoding? {
    var base = Substring(name)
    if let plus = base.firstIndex(of: "+"), base.distance(from: base.startIndex, to: plus) == 6 {
      base = base[base.index(after: plus)...]
    }
    if base.hasPrefix(".Vn")
      || base.hasPrefix("Vn") && base.dropFirst(2).first?.isUppercase == true
        && base.contains("Time")
    {
      return .tcvn3
    }
    if base.uppercased().hasPrefix("VNI-") || base.uppercased().hasPrefix("VNI ") { return .vni }
    return nil
  }

  /// Whether the font draws capitals at the lower-case codes: TCVN3's heading fonts end in `H`
  /// (`.VnTimeH`, `.VnArialH`, `.Vn3DH`), so "cộng hòa" in them reads as "CỘNG HÒA".
  static func isUpperCaseByShape(_ name: String) -> Bool {
    var base = Substring(name)
    if let plus = base.firstIndex(of: "+") { base = base[base.index(after: plus)...] }
    if let comma = base.firstIndex(of: ",") { base = base[..<comma] }
    if let dash = base.firstIndex(of: "-") { base = base[..<dash] }
    return base.hasPrefix(".Vn") && base.hasSuffix("H")
  }

  /// Decodes a run the text layer gave as code points equal to the font's bytes.
  ///
  /// Producers differ: most report byte b as U+00b (Latin-1), some pass bytes 0x80–0x9F
  /// through Windows-1252 (0x92 → U+2019). Both are mapped back to the byte before the table.
  static func decode(_ run: String, encoding: SourceEncoding, upperCase: Bool) -> String {
    var out = ""
    var bytes: [UInt8] = []
    func flush() {
      guard !bytes.isEmpty else { return }
      out += String(decoding: LegacyDecoder.bundled.decode(bytes, from: encoding), as: UTF8.self)
      bytes.removeAll(keepingCapacity: true)
    }
    for scalar in run.unicodeScalars {
      if scalar.value < 0x100 {
        bytes.append(UInt8(scalar.value))
      } else if let byte = windows1252Byte[scalar.value] {
        bytes.append(byte)
      } else {
        // A real Unicode character inside a legacy run passes through.
        flush()
        out.unicodeScalars.append(scalar)
      }
    }
    flush()
    return upperCase ? out.uppercased() : out
  }

  /// Windows-1252's bytes 0x80–0x9F by the scalar they stand for.
  static let windows1252Byte: [UInt32: UInt8] = {
    var table: [UInt32: UInt8] = [:]
    for byte in UInt8(0x80)...UInt8(0x9F) {
      if let text = String(bytes: [byte], encoding: .windowsCP1252),
        let scalar = text.unicodeScalars.first,
        scalar.value >= 0x100
      {
        table[scalar.value] = byte
      }
    }
    return table
  }()
}
