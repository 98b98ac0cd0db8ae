import Foundation
import Testing
import VietDocuments
import VietTestSupport
import VietText

/// Real-shaped records: the seed articles' paragraphs as documents.
func seedRecords(_ count: Int) throws -> [String] {
  let paragraphs = try TestData.seeds().flatMap { seed in
    String(decoding: seed.bytes, as: UTF8.self).split(separator: "\n").map(String.init)
  }
  return try (0..<count).map { index in
    let object: [String: Any] = [
      "id": "doc-\(index)", "title": "Bài \(index)", "text": paragraphs[index % paragraphs.count],
    ]
    return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
  }
}

/// Gzip-compresses with the system's gzip (an encoder independent of our reader).
func gzipped(_ bytes: [UInt8]) throws -> [UInt8] {
  let input = try temporary(bytes)
  defer { try? FileManager.default.removeItem(at: input) }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = ["-c", "gzip -c -n '\(input.path)'"]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  #expect(process.terminationStatus == 0)
  return [UInt8](data)
}

func temporary(_ bytes: [UInt8], suffix: String = "") throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "vitext-docs-\(UUID().uuidString)\(suffix)")
  try Data(bytes).write(to: url)
  return url
}

/// Reads every document of `bytes` written to a file named with `suffix`; the documents read
/// before an error are returned with it.
func readAll(
  _ bytes: [UInt8], suffix: String, policy: JSONLinesDocuments.Policy = .init()
) throws -> (documents: [JSONDocument], error: (any Error)?, skipped: [String]) {
  let url = try temporary(bytes, suffix: suffix)
  defer { try? FileManager.default.removeItem(at: url) }
  let reader = try JSONLinesDocuments(path: url.path, policy: policy)
  var skipped: [String] = []
  reader.onSkip = { skipped.append("\($0)") }
  var documents: [JSONDocument] = []
  do {
    try reader.forEach { documents.append($0) }
    #expect(reader.skippedCount == skipped.count)
    return (documents, nil, skipped)
  } catch {
    return (documents, error, skipped)
  }
}

@Suite struct GzipInputTests {
  @Test func compressedAndPlainReadTheSameRecords() throws {
    let records = try seedRecords(1000)
    let plain = Array((records.joined(separator: "\n") + "\n").utf8)
    let fromPlain = try readAll(plain, suffix: ".jsonl")
    let fromGzip = try readAll(try gzipped(plain), suffix: ".jsonl.gz")
    #expect(fromPlain.error == nil && fromGzip.error == nil)
    #expect(fromPlain.documents.count == 1000)
    #expect(fromGzip.documents.map(\.text) == fromPlain.documents.map(\.text))
    #expect(fromGzip.documents.last?.id == "doc-999")
  }

  /// What a writer killed between flushes leaves: the compressed stream stops at a line end and
  /// the trailer (CRC-32, length) is missing. gzip -t rejects it; so must we.
  @Test func aGzipCutShortIsAnErrorWithItsOffsetNotAShorterCorpus() throws {
    let plain = Array((try seedRecords(1000).joined(separator: "\n") + "\n").utf8)
    let compressed = try gzipped(plain)
    for cut in [compressed.count - 8, compressed.count - 1, compressed.count / 2, 20] {
      let result = try readAll(Array(compressed[..<cut]), suffix: ".jsonl.gz")
      let error = try #require(result.error as? DocumentReadError, "cut at \(cut)")
      #expect(error.code == .truncatedGzip)
      #expect(error.byteOffset == cut)
      #expect(error.description.contains("truncated gzip data"))
      // Records before the cut are handed over; the error after them says the input is not whole.
      if cut < compressed.count / 2 + 1 { #expect(result.documents.count < 1000) }
    }
  }

  @Test func aDamagedCRCOrDataIsAnError() throws {
    let plain = Array((try seedRecords(200).joined(separator: "\n") + "\n").utf8)
    var badCRC = try gzipped(plain)
    badCRC[badCRC.count - 6] ^= 0xFF
    let crc = try #require(try readAll(badCRC, suffix: ".jsonl.gz").error as? DocumentReadError)
    #expect(crc.code == .damagedGzip)
    #expect(crc.description.contains("CRC-32"))
    var badData = try gzipped(plain)
    for offset in stride(from: 40, to: badData.count - 40, by: 97) { badData[offset] ^= 0x55 }
    let data = try #require(try readAll(badData, suffix: ".jsonl.gz").error as? DocumentReadError)
    #expect(data.code == .damagedGzip)
  }

  @Test func aGzNameOnDataThatIsNotGzipSaysSo() throws {
    let plain = Array((try seedRecords(3).joined(separator: "\n") + "\n").utf8)
    let error = try #require(try readAll(plain, suffix: ".jsonl.gz").error as? DocumentReadError)
    #expect(error.code == .notGzip)
    #expect(error.description.contains("not gzip data"))
    let empty = try #require(try readAll([], suffix: ".jsonl.gz").error as? DocumentReadError)
    #expect(empty.code == .notGzip)
  }

  @Test func concatenatedMembersAreOneInputAndTrailingJunkIsDamage() throws {
    let records = try seedRecords(20)
    let first = try gzipped(Array((records[..<10].joined(separator: "\n") + "\n").utf8))
    let second = try gzipped(Array((records[10...].joined(separator: "\n") + "\n").utf8))
    let both = try readAll(first + second, suffix: ".jsonl.gz")
    #expect(both.error == nil)
    #expect(both.documents.count == 20)
    let junk = try readAll(first + Array("junk".utf8), suffix: ".jsonl.gz")
    #expect((junk.error as? DocumentReadError)?.code == .damagedGzip)
  }

  /// 256 MiB of zeros compress to 250 KB: a line with no end that is no JSON. It fails on its
  /// first 4 KiB, not after inflating (and holding) the lot.
  @Test func aGzipBombOfZerosFailsAtOnce() throws {
    let zeros = try gzipped([UInt8](repeating: 0, count: 256 << 20))
    let url = try temporary(zeros, suffix: ".jsonl.gz")
    defer { try? FileManager.default.removeItem(at: url) }
    let reader = try JSONLinesDocuments(path: url.path)
    #expect(throws: DocumentReadError.self) { try reader.forEach { _ in } }
    // Only the first block of compressed input was read.
    #expect(reader.bytesRead <= 1 << 20)
    let error = try #require(try readAll(zeros, suffix: ".jsonl.gz").error as? DocumentReadError)
    #expect(error.code == .jsonSyntax)
    #expect(error.line == 1)
  }
}

@Suite struct RecordTests {
  @Test func syntaxErrorsAndMissingTextsHaveTheirOwnMessages() throws {
    let lines = [
      #"{"id": "a", "text": "Đảng bộ huyện Đà Bắc"}"#,
      #"{"id": "b" "text": "thiếu dấu phẩy"}"#,
      #"{"id": "c", "title": "Không có nội dung"}"#,
      #"{"id": "d", "text": 42}"#,
      #"{"id": "e", "text": "Chi bộ"} trailing"#,
      #"["not", "an", "object"]"#,
    ]
    var errors: [DocumentReadError] = []
    for line in lines.dropFirst() {
      let result = try readAll(Array((lines[0] + "\n" + line + "\n").utf8), suffix: ".jsonl")
      #expect(result.documents.count == 1)
      errors.append(try #require(result.error as? DocumentReadError))
    }
    #expect(
      errors.map(\.code) == [.jsonSyntax, .missingField, .missingField, .jsonSyntax, .jsonSyntax])
    #expect(errors.allSatisfy { $0.line == 2 })
    #expect(errors[0].description.contains("syntax error at byte 11"))
    #expect(errors[1].description.contains("no \"text\" member"))
    #expect(errors[2].description.contains("\"text\" is not a string"))
  }

  @Test func nullTitleIsNoTitleAndEmptyIDsAreRefusedWhenAsked() throws {
    let lines = #"""
      {"id": "a", "title": null, "text": "Ban Thường vụ Thị ủy"}
      {"id": null, "title": "Tiêu đề", "text": "Quận ủy Tây Hồ"}
      {"id": "", "text": "Không có mã"}
      """#
    let lenient = try readAll(Array(lines.utf8), suffix: ".jsonl")
    #expect(lenient.error == nil)
    #expect(lenient.documents.map(\.title) == [nil, "Tiêu đề", nil])
    #expect(lenient.documents.map(\.id) == ["a", nil, ""])
    let strict = try readAll(
      Array(lines.utf8), suffix: ".jsonl", policy: .init(rejectEmptyID: true))
    let error = try #require(strict.error as? DocumentReadError)
    #expect(error.code == .invalidField)
    #expect(error.line == 3)
    #expect(error.description.contains("empty \"id\""))
  }

  @Test func skippingCountsAndReportsEveryBadRecord() throws {
    let big =
      #"{"id": "big", "text": ""# + String(repeating: "Đảng bộ huyện Đà Bắc ", count: 100_000)
      + #""}"#
    let lines = [
      #"{"id": "a", "text": "Đảng bộ huyện Đà Bắc"}"#, #"{"id": "b" "text": "x"}"#, big,
      #"{"id": "", "text": "y"}"#,
      #"{"id": "c", "text": "Chi bộ"}"#,
    ]
    let bytes =
      Array((lines.joined(separator: "\n") + "\n").utf8) + Array(#"{"id": "d", "text": "Sa"#.utf8)
      + [0xFF] + Array("\"}\n".utf8)
    let policy = JSONLinesDocuments.Policy(
      maxDocumentBytes: 1 << 20, skipBadRecords: true, rejectEmptyID: true)
    let result = try readAll(bytes, suffix: ".jsonl", policy: policy)
    #expect(result.error == nil)
    #expect(result.documents.map(\.id) == ["a", "c"])
    #expect(result.skipped.count == 4)
    #expect(result.skipped[1].contains(":3: record larger than the limit of 1 MB"))
    // Without skipping, the over-large record is an error naming its line.
    let strict = try readAll(bytes, suffix: ".jsonl", policy: .init(maxDocumentBytes: 1 << 20))
    #expect((strict.error as? DocumentReadError)?.code == .jsonSyntax)
    let tooLarge = try readAll(
      Array((big + "\n").utf8), suffix: ".jsonl", policy: .init(maxDocumentBytes: 1 << 20))
    let error = try #require(tooLarge.error as? DocumentReadError)
    #expect(error.code == .tooLarge && error.line == 1)
  }

  @Test func invalidUTF8InATextIsRefusedOrRepaired() throws {
    let bytes = Array(#"{"id": "a", "text": "Đảng "#.utf8) + [0xC3] + Array("bộ\"}\n".utf8)
    let refused = try readAll(bytes, suffix: ".jsonl")
    #expect((refused.error as? InvalidUTF8Error)?.byteOffset == 8)
    let repaired = try readAll(bytes, suffix: ".jsonl", policy: .init(lossy: true))
    #expect(repaired.documents.first?.text == "Đảng \u{FFFD}bộ".bytes)
  }
}

@Suite struct FileAccessTests {
  @Test func missingFilesAndFoldersSayWhat() throws {
    #expect(throws: DocumentReadError.self) {
      try DocumentFile.read(path: "/nonexistent/vitext-test.txt")
    }
    do {
      _ = try DocumentFile.read(path: "/nonexistent/vitext-test.txt")
    } catch {
      #expect(error.code == .missing)
    }
    do {
      _ = try DocumentFile.read(path: FileManager.default.temporaryDirectory.path)
    } catch {
      #expect(error.code == .io && error.reason.contains("folder"))
    }
  }

  @Test func anUnreadableFileSaysPermissionDenied() throws {
    let url = try temporary(Array("Đảng bộ".utf8), suffix: ".txt")
    defer { try? FileManager.default.removeItem(at: url) }
    try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: url.path)
    guard getuid() != 0 else {
      print("note: skipping the permission check: running as root, which may read any file")
      return
    }
    do {
      _ = try DocumentFile.read(path: url.path)
      Issue.record("read a file with mode 000")
    } catch {
      #expect(error.code == .permissionDenied)
      #expect(error.description.contains("permission denied"))
    }
  }

  @Test func aFIFOIsReadLikeAFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-fifo-\(UUID().uuidString).jsonl"
    ).path
    #expect(mkfifo(path, 0o600) == 0)
    defer { unlink(path) }
    let lines = try seedRecords(50)
    let writer = Thread {
      let handle = FileHandle(forWritingAtPath: path)
      handle?.write(Data((lines.joined(separator: "\n") + "\n").utf8))
      try? handle?.close()
    }
    writer.start()
    let reader = try JSONLinesDocuments(path: path)
    var count = 0
    try reader.forEach { _ in count += 1 }
    #expect(count == 50)
  }

  @Test func aDocumentFileOverTheLimitIsRefusedBeforeItIsRead() throws {
    let url = try temporary([UInt8](repeating: 0x61, count: 3 << 20), suffix: ".txt")
    defer { try? FileManager.default.removeItem(at: url) }
    do {
      _ = try DocumentFile.read(path: url.path, maxBytes: 1 << 20)
      Issue.record("read past the limit")
    } catch {
      #expect(error.code == .tooLarge)
    }
    #expect(try DocumentFile.read(path: url.path, maxBytes: 4 << 20).count == 3 << 20)
  }
}
