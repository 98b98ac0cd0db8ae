import SearchCore
import VietSearch
import ArgumentParser
import Foundation
import VietICU
import VietNormalization
import VietDocuments
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
            source: source, bytes: output.bytes, offsets: output.offsets, originalBase: originalBase,
            byteBase: byteBase, isFirst: isFirst))
        let normalizedCount = output.bytes.withUnsafeBufferPointer(UTF8Scanning.codePointCount)
        originalBase += output.offsets.originalEnd(normalizedCount)
        byteBase += output.bytes.count
        isFirst = false
      }
    }
  }
}

/// Runs a command body, turning failures into a message on stderr and the exit code that
/// scripts can test: 65 (EX_DATAERR) bad input bytes, 66 (EX_NOINPUT) unreadable file, 73
/// (EX_CANTCREAT) unwritable output,
/// 70 (EX_SOFTWARE) an ICU or resource failure.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as InvalidUTF8Error {
    throw failure(error.description, code: 65)
  } catch let error as CLIError {
    throw failure(error.description, code: error.exitCode)
  } catch let error as ICUError {
    throw failure(error.description, code: 70)
  } catch let error as TableFormatError {
    throw failure(error.description, code: 70)
  } catch let error as DocumentReadError {
    throw failure(error.description, code: error.exitCode)
  } catch let error as QuerySyntaxError {
    throw failure(error.description, code: 64)
  } catch let error as IndexError {
    throw failure(error.description, code: error.exitCode)
  }
}

/// Prints the message and gives the exit code to throw; output written so far is kept (the
/// commands flush it as the error unwinds).
private func failure(_ message: String, code: Int32) -> ExitCode {
  FileHandle.standardError.write(Data("vitext: \(message)\n".utf8))
  return ExitCode(code)
}

extension IndexError {
  /// sysexits codes: 66 no index, 75 locked (try again later), 65 damaged or foreign data,
  /// 74 the file system failed, 64 a request the index cannot serve (a query over its budget
  /// or its time included: the query has to change, not the index).
  var exitCode: Int32 {
    switch code {
    case .missing: 66
    case .locked, .cancelled: 75
    case .corrupt, .version: 65
    case .invalidRequest, .overBudget, .timedOut: 64
    default: 74
    }
  }
}

extension DocumentReadError {
  /// sysexits codes: 66 an input missing or not readable (permission denied), 74 the system
  /// failed to read it, 69 a program its format needs is not installed (as `vitext extract`),
  /// 65 its data is damaged, cut short or malformed.
  var exitCode: Int32 {
    switch code {
    case .missing, .permissionDenied: 66
    case .io: 74
    case .missingProgram: 69
    default: 65
    }
  }
}
