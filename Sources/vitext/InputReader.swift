import Foundation
import VietNormalization
import VietText

/// A file or standard input.
enum InputSource {
  case file(String)
  case standardInput

  var name: String {
    switch self {
    case .file(let path): path
    case .standardInput: "<stdin>"
    }
  }
}

/// A piece of an input, cut where no token or NFD sequence can straddle the cut.
struct InputChunk {
  /// UTF-8 text (legacy encodings already converted).
  var text: [UInt8]
  /// Offset of the chunk's first byte in the raw input, for error messages.
  var rawOffset: Int
}

/// Reads an input in bounded pieces, so a 50 MB line or a file larger than memory is handled in
/// chunks of about `chunkSize` bytes: cut after a newline when there is one, else after a space,
/// else between two code points that are not a letter and its combining mark.
struct InputReader {
  static let chunkSize = 4 << 20

  let source: InputSource
  let choice: SourceChoice
  let lossy: Bool
  /// Told once what `--from auto` detected.
  let onDetect: (SourceEncoding) -> Void

  /// Calls `body` with each chunk in order.
  func forEachChunk(_ body: (InputChunk) throws -> Void) throws {
    let handle: FileHandle
    switch source {
    case .standardInput:
      handle = FileHandle.standardInput
    case .file(let path):
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
        let opened = FileHandle(forReadingAtPath: path)
      else {
        throw CLIError.unreadable(path: path, reason: isDirectory.boolValue ? "is a directory" : "no such file")
      }
      handle = opened
    }
    defer { if case .file = source { try? handle.close() } }

    var detected: SourceEncoding?
    var pending: [UInt8] = []
    var rawOffset = 0
    var atEnd = false
    while !atEnd || !pending.isEmpty {
      if !atEnd && pending.count < Self.chunkSize {
        let data = try handle.read(upToCount: Self.chunkSize) ?? Data()
        if data.isEmpty { atEnd = true } else { pending.append(contentsOf: data) }
        if !atEnd && pending.count < Self.chunkSize { continue }
      }
      if pending.isEmpty { break }
      let cut = atEnd ? pending.count : Self.cutPoint(in: pending)
      let piece = Array(pending[..<cut])
      pending.removeFirst(cut)
      let encoding: SourceEncoding
      switch choice {
      case .unicode: encoding = .unicode
      case .auto:
        if detected == nil {
          detected = LegacyDecoder.bundled.detect(piece)
          onDetect(detected!)
        }
        encoding = detected!
      case .tcvn3, .vni:
        // Raw legacy bytes, unless the text is valid UTF-8: then it is Windows-1252 mojibake.
        let isUTF8 = piece.withUnsafeBufferPointer(UTF8Scanning.firstInvalidOffset) == nil
        encoding = choice == .tcvn3 ? (isUTF8 ? .tcvn3Windows1252 : .tcvn3) : (isUTF8 ? .vniWindows1252 : .vni)
      }
      try body(InputChunk(text: try decode(piece, encoding: encoding, rawOffset: rawOffset), rawOffset: rawOffset))
      rawOffset += cut
    }
  }

  private func decode(_ piece: [UInt8], encoding: SourceEncoding, rawOffset: Int) throws -> [UInt8] {
    if encoding.isUTF8, let bad = piece.withUnsafeBufferPointer(UTF8Scanning.firstInvalidOffset) {
      guard lossy else { throw InvalidUTF8Error(source: source.name, byteOffset: rawOffset + bad) }
      return LegacyDecoder.bundled.decode(UTF8Scanning.repairing(piece), from: encoding)
    }
    return LegacyDecoder.bundled.decode(piece, from: encoding)
  }

  /// Where to end a chunk of `bytes` (which holds at least `chunkSize` bytes).
  static func cutPoint(in bytes: [UInt8]) -> Int {
    let limit = min(bytes.count, chunkSize)
    if let newline = bytes[..<limit].lastIndex(of: 0x0A) { return newline + 1 }
    if let space = bytes[..<limit].lastIndex(where: { $0 == 0x20 || $0 == 0x09 }) { return space + 1 }
    var cut = limit
    // Back up to a code point start that is not a combining mark (U+0300–U+036F: lead CC/CD).
    while cut > 1, bytes[cut] & 0xC0 == 0x80 || bytes[cut] == 0xCC || bytes[cut] == 0xCD { cut -= 1 }
    return cut
  }
}
