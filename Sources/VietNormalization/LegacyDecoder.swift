import VietText

/// Where text came from: Unicode, or one of the pre-Unicode Vietnamese font encodings.
///
/// Older documents arrive in TCVN3 (ABC: the .VnTime fonts) or VNI-Windows (the VNI-Times fonts),
/// either as their raw bytes or, very often, as *mojibake*: the bytes were read as Windows-1252
/// by some program and saved again as UTF-8 ("B¶o Th¾ng" for "Bảo Thắng").
public enum SourceEncoding: String, Sendable, CaseIterable {
  /// UTF-8 Unicode, read as it is.
  case unicode
  /// Raw TCVN3 (ABC) bytes (the .VnTime fonts).
  case tcvn3
  /// Raw VNI-Windows bytes (the VNI-Times fonts).
  case vni
  /// TCVN3 text read as Windows-1252 and saved again as UTF-8 (mojibake).
  case tcvn3Windows1252 = "tcvn3-as-windows-1252"
  /// VNI-Windows text read as Windows-1252 and saved again as UTF-8 (mojibake).
  case vniWindows1252 = "vni-as-windows-1252"
  /// UTF-16 or UTF-32 with a byte-order mark (what Windows tools call "Unicode").
  case utf16LittleEndian = "utf-16le"
  /// UTF-16 big-endian, with a byte-order mark.
  case utf16BigEndian = "utf-16be"
  /// UTF-32 little-endian, with a byte-order mark.
  case utf32LittleEndian = "utf-32le"
  /// UTF-32 big-endian, with a byte-order mark.
  case utf32BigEndian = "utf-32be"

  /// A phrase for messages: "TCVN3 (ABC) read as Windows-1252".
  public var summary: String {
    switch self {
    case .unicode: "Unicode (UTF-8)"
    case .tcvn3: "TCVN3 (ABC) bytes"
    case .vni: "VNI-Windows bytes"
    case .tcvn3Windows1252: "TCVN3 (ABC) text read as Windows-1252 and saved as UTF-8"
    case .vniWindows1252: "VNI-Windows text read as Windows-1252 and saved as UTF-8"
    case .utf16LittleEndian: "UTF-16 little-endian (byte-order mark)"
    case .utf16BigEndian: "UTF-16 big-endian (byte-order mark)"
    case .utf32LittleEndian: "UTF-32 little-endian (byte-order mark)"
    case .utf32BigEndian: "UTF-32 big-endian (byte-order mark)"
    }
  }

  /// Whether the input is UTF-8 (Unicode or mojibake) rather than raw legacy bytes.
  public var isUTF8: Bool {
    self == .unicode || self == .tcvn3Windows1252 || self == .vniWindows1252
  }

  /// The byte-order-mark encodings: the Unicode encoding forms wider than a byte.
  public var isWideUnicode: Bool { unitSize > 1 }

  /// Bytes per code unit: 2 for UTF-16, 4 for UTF-32, 1 otherwise.
  public var unitSize: Int {
    switch self {
    case .utf16LittleEndian, .utf16BigEndian: 2
    case .utf32LittleEndian, .utf32BigEndian: 4
    default: 1
    }
  }
}

/// Converts TCVN3 and VNI text to Unicode (UTF-8), and detects which of them a text is in.
///
/// Tables come from `Resources/legacy-tcvn3.tsv`, `legacy-vni.tsv` and `windows-1252.tsv`.
public struct LegacyDecoder: Sendable {
  let tcvn3: ByteTable
  let vni: ByteTable
  /// Scalar for each byte read as Windows-1252.
  let windows1252: [UInt32]
  /// Byte for each scalar that Windows-1252 can hold.
  let windows1252Bytes: [UInt32: UInt8]

  /// The bundled tables, loaded once.
  public static let bundled: LegacyDecoder = {
    do {
      return try LegacyDecoder(
        tcvn3: BundledResource.bytes("legacy-tcvn3.tsv"),
        vni: BundledResource.bytes("legacy-vni.tsv"),
        windows1252: BundledResource.bytes("windows-1252.tsv"))
    } catch {
      fatalError("vitext: bundled resource is damaged: \(error)")
    }
  }()

  /// Builds a decoder from the contents of the three tables (the formats of the bundled
  /// `legacy-tcvn3.tsv`, `legacy-vni.tsv` and `windows-1252.tsv`); `bundled` is this with the
  /// shipped files.
  ///
  /// - Throws: `TableFormatError` naming the table and line that does not parse.
  public init(tcvn3: [UInt8], vni: [UInt8], windows1252: [UInt8]) throws(TableFormatError) {
    self.tcvn3 = try ByteTable(tcvn3, resource: "legacy-tcvn3.tsv")
    self.vni = try ByteTable(vni, resource: "legacy-vni.tsv")
    var scalars = (0..<256).map { UInt32($0) }
    let table = try ByteTable(windows1252, resource: "windows-1252.tsv")
    for (byte, scalar) in table.single.enumerated() where scalar != 0 { scalars[byte] = scalar }
    self.windows1252 = scalars
    var bytes: [UInt32: UInt8] = [:]
    for (byte, scalar) in scalars.enumerated() { bytes[scalar] = UInt8(byte) }
    self.windows1252Bytes = bytes
  }

  /// Converts `bytes` in `encoding` to UTF-8. Raw legacy bytes that no table maps are read as
  /// Windows-1252, so nothing is lost; Unicode input is returned as it is.
  public func decode(_ bytes: [UInt8], from encoding: SourceEncoding) -> [UInt8] {
    switch encoding {
    case .unicode: return bytes
    case .tcvn3: return decodeRaw(bytes[...], table: tcvn3)
    case .vni: return decodeRaw(bytes[...], table: vni)
    case .tcvn3Windows1252: return decodeMojibake(bytes, table: tcvn3)
    case .vniWindows1252: return decodeMojibake(bytes, table: vni)
    case .utf16LittleEndian, .utf16BigEndian, .utf32LittleEndian, .utf32BigEndian:
      var transcoder = WideUnicodeTranscoder(encoding: encoding)
      return transcoder.transcode(bytes[...], final: true)
    }
  }

  private func decodeRaw(_ bytes: ArraySlice<UInt8>, table: ByteTable) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 2)
    var i = bytes.startIndex
    while i < bytes.endIndex {
      let b = bytes[i]
      if i + 1 < bytes.endIndex, let scalar = table.pairs[UInt16(b) << 8 | UInt16(bytes[i + 1])] {
        UTF8Scanning.append(scalar, to: &out)
        i += 2
        continue
      }
      let single = table.single[Int(b)]
      UTF8Scanning.append(
        single != 0 ? single : (b < 0x80 ? UInt32(b) : windows1252[Int(b)]), to: &out)
      i += 1
    }
    return out
  }

  /// Maps each code point back to its Windows-1252 byte and decodes those runs; code points that
  /// Windows-1252 cannot hold (real Unicode letters in a mixed file) pass through.
  private func decodeMojibake(_ utf8: [UInt8], table: ByteTable) -> [UInt8] {
    var out: [UInt8] = []
    var run: [UInt8] = []
    utf8.withUnsafeBufferPointer { buffer in
      var i = 0
      while i < buffer.count {
        let (scalar, length) = UTF8Scanning.decode(buffer.baseAddress!, at: i)
        if scalar < 0x80 {
          run.append(UInt8(scalar))
        } else if let byte = windows1252Bytes[scalar] {
          run.append(byte)
        } else {
          out.append(contentsOf: decodeRaw(run[...], table: table))
          run.removeAll(keepingCapacity: true)
          out.append(contentsOf: buffer[i..<i + length])
        }
        i += length
      }
    }
    out.append(contentsOf: decodeRaw(run[...], table: table))
    return out
  }

  /// Encodes NFC UTF-8 text as raw TCVN3 or VNI bytes; nil when a character has no encoding.
  /// Used to build round-trip tests and fixtures.
  public func encode(_ utf8: [UInt8], to encoding: SourceEncoding) -> [UInt8]? {
    let table: ByteTable
    switch encoding {
    case .tcvn3: table = tcvn3
    case .vni: table = vni
    default: return nil
    }
    var out: [UInt8] = []
    var ok = true
    utf8.withUnsafeBufferPointer { buffer in
      var i = 0
      while i < buffer.count, ok {
        let (scalar, length) = UTF8Scanning.decode(buffer.baseAddress!, at: i)
        if let sequence = table.encoding[scalar] {
          out.append(contentsOf: sequence)
        } else if scalar < 0x80 {
          out.append(UInt8(scalar))
        } else {
          ok = false
        }
        i += length
      }
    }
    return ok ? out : nil
  }
}

/// One legacy encoding's table: single bytes and two-byte sequences to scalars, and back.
struct ByteTable: Sendable {
  /// Scalar for each single byte, 0 when the byte is not in the table.
  var single = [UInt32](repeating: 0, count: 256)
  /// Scalar for each two-byte sequence (first byte in the high half).
  var pairs: [UInt16: UInt32] = [:]
  /// The bytes that encode each scalar (the first listed wins).
  var encoding: [UInt32: [UInt8]] = [:]

  init(_ bytes: [UInt8], resource: String) throws(TableFormatError) {
    for (line, fields) in try TableFile.rows(bytes, resource: resource, columns: 2...2) {
      let sequence = fields[0].split(separator: " ").compactMap { UInt8($0, radix: 16) }
      let scalars = Array(fields[1].unicodeScalars)
      guard (1...2).contains(sequence.count),
        sequence.count == fields[0].split(separator: " ").count,
        scalars.count == 1
      else {
        throw TableFormatError(
          resource: resource, line: line, reason: "expected hex bytes and one character")
      }
      let scalar = scalars[0].value
      if sequence.count == 1 {
        single[Int(sequence[0])] = scalar
      } else {
        pairs[UInt16(sequence[0]) << 8 | UInt16(sequence[1])] = scalar
      }
      if encoding[scalar] == nil { encoding[scalar] = sequence }
    }
  }
}
