import Foundation
import VietDocuments
import VietNormalization
import VietText
import VitextCommandSupport

/// A file or standard input.
enum InputSource {
  case file(String)
  case standardInput

  var name: String {
    switch self {
    case .file(let path): path
    case .standardInput: DocumentReadError.standardInputName
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
    var state = ReadState()
    var pending: [UInt8] = []
    var isFirstBlock = true
    var transcoder: WideUnicodeTranscoder?
    let path: String? = if case .file(let path) = source { path } else { nil }
    if let path {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        throw CLIError.unreadable(path: path, reason: "is a directory")
      }
    }
    try DocumentFile.forEachBlock(path: path, blockSize: Self.chunkSize) { block in
      var block = block
      if isFirstBlock {
        isFirstBlock = false
        let head = Array(block.prefix(4))
        if choice == .auto, let mark = LegacyDecoder.byteOrderMark(head) {
          block = block.dropFirst(mark.byteOrderMarkLength)
          state.rawOffset = mark.byteOrderMarkLength
          state.detected = mark.encoding
          onDetect(mark.encoding)
          if mark.encoding.isWideUnicode {
            transcoder = WideUnicodeTranscoder(encoding: mark.encoding)
          }
        } else if choice != .auto, let mark = LegacyDecoder.byteOrderMark(head),
          mark.encoding.isWideUnicode
        {
          state.wideHint =
            "it starts with the byte-order mark of \(mark.encoding.summary.replacingOccurrences(of: " (byte-order mark)", with: "")): read it with --from auto"
        }
      }
      if transcoder != nil {
        pending.append(contentsOf: transcoder!.transcode(block, final: false))
      } else {
        pending.append(contentsOf: block)
      }
      while pending.count >= Self.chunkSize {
        let cut = Self.cutPoint(in: pending)
        try emit(Array(pending[..<cut]), state: &state, body)
        pending.removeFirst(cut)
      }
    }
    if transcoder != nil { pending.append(contentsOf: transcoder!.transcode([], final: true)) }
    if !pending.isEmpty { try emit(pending, state: &state, body) }
    if let transcoder, transcoder.replacements > 0 {
      note(
        "\(source.name): replaced \(transcoder.replacements) ill-formed \(transcoder.encoding.summary) code unit\(transcoder.replacements == 1 ? "" : "s") with U+FFFD"
      )
    }
    if state.strays > 0 {
      note(
        "\(source.name): kept as UTF-8; replaced \(state.strays) invalid byte sequence\(state.strays == 1 ? "" : "s") with U+FFFD (the first at byte offset \(state.firstStray ?? 0))"
      )
    }
  }

  /// What reading one input has learnt so far.
  private struct ReadState {
    var detected: SourceEncoding?
    var rawOffset = 0
    /// Invalid UTF-8 sequences replaced under `--from auto`, and where the first was.
    var strays = 0
    var firstStray: Int?
    /// A hint for an input that starts with a UTF-16/32 byte-order mark but was not read so.
    var wideHint: String?
  }

  private func emit(_ piece: [UInt8], state: inout ReadState, _ body: (InputChunk) throws -> Void)
    throws
  {
    let encoding: SourceEncoding
    switch choice {
    case .unicode: encoding = .unicode
    case .auto:
      if state.detected == nil {
        let guess = LegacyDecoder.bundled.guess(piece)
        state.detected = guess.encoding
        onDetect(guess.encoding)
      }
      encoding = state.detected!
    case .tcvn3, .vni:
      // Raw legacy bytes, unless the text is valid UTF-8: then it is Windows-1252 mojibake.
      let isUTF8 = piece.withUnsafeBufferPointer(UTF8Scanning.firstInvalidOffset) == nil
      encoding =
        choice == .tcvn3 ? (isUTF8 ? .tcvn3Windows1252 : .tcvn3) : (isUTF8 ? .vniWindows1252 : .vni)
    }
    let rawOffset = state.rawOffset
    try body(
      InputChunk(
        text: try decode(piece, encoding: encoding, rawOffset: rawOffset, state: &state),
        rawOffset: rawOffset))
    state.rawOffset += piece.count
  }

  private func decode(
    _ piece: [UInt8], encoding: SourceEncoding, rawOffset: Int, state: inout ReadState
  ) throws -> [UInt8] {
    if encoding.isUTF8 || encoding.isWideUnicode {
      let counts = piece.withUnsafeBufferPointer(UTF8Scanning.sequenceCounts)
      if let bad = counts.firstInvalid {
        // Under --from auto, UTF-8 with a few stray bytes stays UTF-8 (reported at the end):
        // reading a whole file as TCVN3 or VNI for one bad byte would ruin it.
        if choice == .auto && encoding == .unicode && counts.invalid * 20 <= counts.multiByte {
          state.strays += counts.invalid
          if state.firstStray == nil { state.firstStray = rawOffset + bad }
          return UTF8Scanning.repairing(piece)
        }
        guard lossy else {
          throw InvalidUTF8Error(
            source: source.name, byteOffset: rawOffset + bad, hint: invalidUTF8Hint(state))
        }
        return LegacyDecoder.bundled.decode(
          UTF8Scanning.repairing(piece), from: encoding.isWideUnicode ? .unicode : encoding)
      }
      if encoding.isWideUnicode { return piece }
    }
    return LegacyDecoder.bundled.decode(piece, from: encoding)
  }

  /// What to suggest for invalid UTF-8, by what was asked for and found.
  private func invalidUTF8Hint(_ state: ReadState) -> String {
    if let wide = state.wideHint { return wide }
    switch choice {
    case .auto:
      return
        "--from auto found no strong sign of TCVN3 or VNI; name the encoding with --from tcvn3 or --from vni, or use --lossy to replace invalid bytes with U+FFFD"
    case .unicode:
      return
        "use --lossy to replace invalid bytes with U+FFFD, or --from auto to detect TCVN3, VNI, or UTF-16/32 with a byte-order mark"
    case .tcvn3, .vni:
      return "use --lossy to replace invalid bytes with U+FFFD"
    }
  }

  /// Where to end a chunk of `bytes` (which holds at least `chunkSize` bytes).
  static func cutPoint(in bytes: [UInt8]) -> Int {
    let limit = min(bytes.count, chunkSize)
    if let newline = bytes[..<limit].lastIndex(of: 0x0A) { return newline + 1 }
    if let space = bytes[..<limit].lastIndex(where: { $0 == 0x20 || $0 == 0x09 }) {
      return space + 1
    }
    var cut = limit
    // Back up to a code point start that is not a combining mark (U+0300–U+036F: lead CC/CD).
    while cut > 1, bytes[cut] & 0xC0 == 0x80 || bytes[cut] == 0xCC || bytes[cut] == 0xCD {
      cut -= 1
    }
    return cut
  }
}
