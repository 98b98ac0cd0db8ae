import ArgumentParser
import Foundation
import SearchCore
import VietDocuments
import VietICU
import VietNormalization
import VietSearch
import VietText

/// Reads each input, converts and normalizes it chunk by chunk, and hands the chunks on with
/// what is needed to report offsets into the whole document.
struct DocumentPipeline {
  let input: InputOptions
  let normalizer: Normalizer

  /// One normalized chunk of a document.
  struct Chunk {
    var source: InputSource
    /// Normalized UTF-8.
    var bytes: [UInt8]
    /// Maps chunk-local normalized code points to chunk-local NFC-input code points.
    var offsets: OffsetMap
    /// Code points of the NFC input, and bytes of the normalized text, before this chunk.
    var originalBase: Int
    var byteBase: Int
    var isFirst: Bool
  }

  /// Calls `body` for every chunk of every input, in order.
  func run(_ body: (Chunk) throws -> Void) throws {
    for source in input.sources {
      var originalBase = 0
      var byteBase = 0
      var isFirst = true
      try input.reader(for: source).forEachChunk { chunk in
        let output = try normalizer.normalize(validUTF8: chunk.text)
        try body(
          Chunk(
            source: source, bytes: output.bytes, offsets: output.offsets,
            originalBase: originalBase,
            byteBase: byteBase, isFirst: isFirst))
        let normalizedCount = output.bytes.withUnsafeBufferPointer(UTF8Scanning.codePointCount)
        originalBase += output.offsets.originalEnd(normalizedCount)
        byteBase += output.bytes.count
        isFirst = false
      }
    }
  }
}
