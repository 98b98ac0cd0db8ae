import Foundation
import Testing
import VietNormalization
import VietTestSupport
import VietText

/// `--from auto` must never make a file worse: every case here is a file a user has, and the
/// near misses (UTF-8 with one bad byte, Latin-1 prose, text that merely fits Windows-1252) are
/// the ones a guesser ruins.
@Suite struct EncodingDetectionTests {
  let decoder = LegacyDecoder.bundled

  /// The first paragraphs of the seed articles: real Vietnamese text, UTF-8 NFC.
  func seedText(_ index: Int = 0) throws -> [UInt8] {
    let seed = try TestData.seeds()[index].bytes
    // Cut at a space, so no character is cut in two.
    let end = seed.prefix(3000).lastIndex(of: 0x20) ?? seed.count
    return Array(seed[..<end])
  }

  @Test func utf8WithOneStrayByteStaysUTF8() throws {
    for index in 0..<5 {
      var text = try seedText(index)
      // A byte a broken copy leaves: a lone continuation byte, a Latin-1 é, a cut sequence.
      for stray: [UInt8] in [[0x80], [0xE9], [0xE1, 0xBB]] {
        var damaged = text
        damaged.insert(contentsOf: stray, at: damaged.count / 2)
        let guess = decoder.guess(damaged)
        #expect(guess.encoding == .unicode, "seed \(index), stray \(stray)")
        #expect(guess.strayUTF8Sequences == 1)
      }
      // A few more, spread out, still UTF-8.
      for start in [1700, 900, 100] {
        var offset = start
        while text[offset] & 0xC0 == 0x80 { offset += 1 }  // between two characters
        text.insert(0xFF, at: offset)
      }
      #expect(decoder.guess(text) == EncodingGuess(encoding: .unicode, strayUTF8Sequences: 3))
    }
  }

  @Test func realTCVN3AndVNIFilesAreStillDetected() throws {
    for index in 0..<5 {
      let text = try seedText(index)
      // TCVN3 and VNI have no en dash or curly quotes: write what they can hold.
      let plain = String(decoding: text, as: UTF8.self).replacingOccurrences(of: "–", with: "-")
        .replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
      for encoding in [SourceEncoding.tcvn3, .vni] {
        guard let raw = decoder.encode(plain.bytes, to: encoding) else { continue }
        #expect(decoder.detect(raw) == encoding, "seed \(index) \(encoding)")
        #expect(decoder.decode(raw, from: encoding) == plain.bytes)
      }
    }
    // Bytes that glibc's iconv wrote (an encoder independent of ours).
    let url = TestData.packageRoot.appendingPathComponent(
      "Tests/VietNormalizationTests/Fixtures/son-tay.tcvn3.txt")
    #expect(decoder.detect([UInt8](try Data(contentsOf: url))) == .tcvn3)
  }

  @Test func weakEvidenceIsNotEnoughToConvert() throws {
    // French in Latin-1: not UTF-8, and no Vietnamese reading of it is convincing.
    let latin1: [UInt8] =
      Array("Le comit".utf8) + [0xE9] + Array(" a approuv".utf8) + [0xE9] + Array(" la r".utf8) + [
        0xE9
      ]
      + Array("forme ".utf8) + [0xE0] + Array(" Gen".utf8) + [0xE8] + Array("ve.".utf8)
    #expect(decoder.guess(latin1).encoding == .unicode)
    // UTF-8 that fits Windows-1252 (German, French): a mojibake reading must not win.
    for text in [
      "Zürich, Genève, Curaçao: Größe und Übermaß.", "Café crème, naïve élève, façade à Noël.",
    ] {
      #expect(decoder.detect(text.bytes) == .unicode, "\(text)")
    }
    // ASCII with one byte of Windows-1252: too little for any legacy reading.
    #expect(
      decoder.guess(Array("Ban Thuong vu Thi uy".utf8) + [0x93] + Array("Nghi quyet".utf8)).encoding
        == .unicode)
  }

  @Test(arguments: [
    (SourceEncoding.utf16LittleEndian, String.Encoding.utf16LittleEndian, [UInt8]([0xFF, 0xFE])),
    (.utf16BigEndian, .utf16BigEndian, [0xFE, 0xFF]),
    (.utf32LittleEndian, .utf32LittleEndian, [0xFF, 0xFE, 0x00, 0x00]),
    (.utf32BigEndian, .utf32BigEndian, [0x00, 0x00, 0xFE, 0xFF]),
  ])
  func utf16And32AreFoundByTheirByteOrderMark(_ c: (SourceEncoding, String.Encoding, [UInt8]))
    throws
  {
    let text = String(decoding: try seedText(), as: UTF8.self) + " 👨‍👩‍👧 𝔘"
    let wide = c.2 + [UInt8](try #require(text.data(using: c.1)))
    let guess = decoder.guess(wide)
    #expect(guess.encoding == c.0)
    #expect(guess.byteOrderMarkLength == c.2.count)
    #expect(decoder.decode(Array(wide.dropFirst(c.2.count)), from: c.0) == text.bytes)
    // Streamed in blocks of every small size, so units and surrogate pairs are cut.
    for blockSize in [1, 3, 5, 7, 64] {
      var transcoder = WideUnicodeTranscoder(encoding: c.0)
      var out: [UInt8] = []
      var offset = c.2.count
      while offset < wide.count {
        out += transcoder.transcode(
          wide[offset..<min(wide.count, offset + blockSize)], final: false)
        offset += blockSize
      }
      out += transcoder.transcode([], final: true)
      #expect(out == text.bytes, "block \(blockSize)")
      #expect(transcoder.replacements == 0)
    }
  }

  @Test func illFormedUTF16IsReplacedAndCounted() {
    // "Hà" then a lone high surrogate, then "Nội", then an odd trailing byte.
    let units: [UInt16] = [0x48, 0xE0, 0xD83D, 0x4E, 0x1ED9, 0x69]
    let bytes: [UInt8] = units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0x41]
    var transcoder = WideUnicodeTranscoder(encoding: .utf16LittleEndian)
    let out = transcoder.transcode(ArraySlice(bytes), final: true)
    #expect(out == "Hà\u{FFFD}Nội\u{FFFD}".bytes)
    #expect(transcoder.replacements == 2)
  }

  @Test func aUTF8ByteOrderMarkIsUnicode() throws {
    #expect(
      decoder.guess([0xEF, 0xBB, 0xBF] + (try seedText()))
        == EncodingGuess(encoding: .unicode, byteOrderMarkLength: 3))
  }
}
