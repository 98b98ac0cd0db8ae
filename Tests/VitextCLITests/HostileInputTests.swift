import Foundation
import Testing
import VietTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Runs vitext with standard input and output on /dev/null and returns its exit status, its
/// standard error and its peak resident memory in KB.
///
/// The peak is read through a small Python parent, not from `wait4` here: glibc's `posix_spawn`
/// shares this (large, test-running) process's memory with the child until `exec`, and Linux
/// carries that memory's high-water mark into the child's `ru_maxrss`, so a direct spawn reports
/// the test runner's size. Python's own children start from its small process.
func vitextPeak(_ arguments: [String]) throws -> (status: Int32, stderr: String, peakKB: Int) {
  let errorFile = try temporaryFile([])
  let peakFile = try temporaryFile([])
  defer {
    try? FileManager.default.removeItem(at: errorFile)
    try? FileManager.default.removeItem(at: peakFile)
  }
  let script = """
    import resource, subprocess, sys
    with open(sys.argv[2], "wb") as errors:
        code = subprocess.run(sys.argv[3:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors).returncode
    with open(sys.argv[1], "w") as peak:
        peak.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
    sys.exit(code if code >= 0 else 128 - code)
    """
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments =
    ["python3", "-c", script, peakFile.path, errorFile.path, TestData.executable.path] + arguments
  process.standardInput = FileHandle.nullDevice
  process.standardOutput = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  let errors = String(decoding: try Data(contentsOf: errorFile), as: UTF8.self)
  let peak = Int(String(decoding: try Data(contentsOf: peakFile), as: UTF8.self)) ?? Int.max
  return (process.terminationStatus, errors, peak)
}

/// A fresh folder for one test's files and index.
func hostileFolder() throws -> URL {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "vitext-hostile-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder
}

/// Gzip-compresses a file with the system's gzip.
func gzipFile(_ url: URL) throws -> URL {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = ["-c", "gzip -c -n '\(url.path)' > '\(url.path).gz'"]
  try process.run()
  process.waitUntilExit()
  #expect(process.terminationStatus == 0)
  return URL(fileURLWithPath: url.path + ".gz")
}

/// JSON Lines of the seed articles' paragraphs, one record each.
func seedJSONL(_ count: Int) throws -> [UInt8] {
  let paragraphs = try TestData.seeds().flatMap {
    String(decoding: $0.bytes, as: UTF8.self).split(separator: "\n").map(String.init)
  }
  let lines = try (0..<count).map { index in
    let object = ["id": "doc-\(index)", "text": paragraphs[index % paragraphs.count]]
    return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
  }
  return Array((lines.joined(separator: "\n") + "\n").utf8)
}

@Suite struct HostileCorpusTests {
  @Test func aTruncatedGzipIsExit65NamingTheFileAndOffset() throws {
    let folder = try hostileFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let plain = folder.appendingPathComponent("docs.jsonl")
    try Data(try seedJSONL(1000)).write(to: plain)
    let compressed = try [UInt8](Data(contentsOf: try gzipFile(plain)))
    // Cut before the 8-byte trailer: the stream stops at a line end, as a killed writer leaves it.
    let truncated = folder.appendingPathComponent("cut.jsonl.gz")
    try Data(compressed.dropLast(8)).write(to: truncated)
    let index = folder.appendingPathComponent("index").path
    let run = try vitext(["index", "build", "--no-entities", "--index", index, truncated.path])
    #expect(run.status == 65)
    #expect(run.stderr.contains("cut.jsonl.gz: truncated gzip data"), "\(run.stderr)")
    #expect(run.stderr.contains("byte \(compressed.count - 8)"))
    // Nothing was committed from the partial file.
    #expect(!FileManager.default.fileExists(atPath: index + "/manifest.json") || run.status != 0)
    let whole = try vitext([
      "index", "build", "--no-entities", "--index", index, plain.path + ".gz",
    ])
    #expect(whole.status == 0)
    #expect(whole.stderr.contains("indexed 1000 documents,"))
  }

  @Test func aGzNameOnPlainDataSaysItIsNotGzip() throws {
    let folder = try hostileFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fake = folder.appendingPathComponent("docs.jsonl.gz")
    try Data(try seedJSONL(3)).write(to: fake)
    let run = try vitext([
      "index", "build", "--no-entities", "--index", folder.appendingPathComponent("i").path,
      fake.path,
    ])
    #expect(run.status == 65)
    #expect(run.stderr.contains("not gzip data"))
  }

  /// 512 MiB of zeros in a 500 KB gzip used to run 79 s and take 1.08 GB before failing.
  @Test func aGzipOfZerosFailsAtOnceInLittleMemory() throws {
    let folder = try hostileFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let zeros = folder.appendingPathComponent("zeros.jsonl")
    FileManager.default.createFile(atPath: zeros.path, contents: nil)
    let writer = try FileHandle(forWritingTo: zeros)
    let block = Data(count: 1 << 20)
    for _ in 0..<512 { writer.write(block) }
    try writer.close()
    let compressed = try gzipFile(zeros)
    try FileManager.default.removeItem(at: zeros)
    let run = try vitextPeak([
      "index", "build", "--index", folder.appendingPathComponent("i").path, compressed.path,
    ])
    #expect(run.status == 65)
    #expect(run.stderr.contains("zeros.jsonl.gz:1: not a JSON object"), "\(run.stderr)")
    #expect(run.peakKB < 300 * 1024, "peak RSS \(run.peakKB) KB")
  }

  @Test func badRecordsFailWithTheirOwnMessagesOrAreSkippedAndCounted() throws {
    let folder = try hostileFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("mixed.jsonl")
    let text = #"""
      {"id": "a", "title": null, "text": "Ban Thường vụ Thị ủy sơ kết 03 năm thực hiện Đề án số 11-ĐA/TU"}
      {"id": "b" "text": "thiếu dấu phẩy"}
      {"id": "c", "title": "Không có nội dung"}
      {"id": "", "text": "Không có mã"}
      {"id": "d", "text": "Đảng bộ huyện Đà Bắc"}
      """#
    try Data(text.utf8).write(to: file)
    let index = folder.appendingPathComponent("i").path
    let strict = try vitext(["index", "build", "--no-entities", "--index", index, file.path])
    #expect(strict.status == 65)
    #expect(
      strict.stderr.contains("mixed.jsonl:2: not a JSON object: syntax error at byte 11"),
      "\(strict.stderr)")
    // Line 2 mended: line 3 fails on its missing text, a different message.
    try Data(text.replacingOccurrences(of: #""b" "text""#, with: #""b", "text""#).utf8).write(
      to: file)
    let missing = try vitext(["index", "build", "--no-entities", "--index", index, file.path])
    #expect(missing.status == 65)
    #expect(missing.stderr.contains("mixed.jsonl:3: no \"text\" member"), "\(missing.stderr)")
    try Data(text.utf8).write(to: file)
    let skipping = try vitext([
      "index", "build", "--no-entities", "--skip-bad-records", "--index", index, file.path,
    ])
    #expect(skipping.status == 0)
    #expect(skipping.stderr.contains("skipped: \(file.path):2:"))
    #expect(skipping.stderr.contains("skipped: \(file.path):3:"))
    #expect(skipping.stderr.contains("skipped: \(file.path):4: empty \"id\""))
    #expect(skipping.stderr.contains("indexed 2 documents,"))
    #expect(skipping.stderr.contains("skipped 3 bad records"))
    // "title": null is no title: the document's title is empty, not "null".
    let search = try vitext(["search", "--index", index, "--format", "json", "null"])
    #expect(
      String(decoding: search.stdout, as: UTF8.self).contains("\"total\":0"),
      "\(String(decoding: search.stdout, as: UTF8.self))")
  }

  @Test func anEmptyIDIsRefusedAtIndexTime() throws {
    let folder = try hostileFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("empty-id.jsonl")
    try Data(#"{"id": "", "text": "Đảng bộ huyện"}"#.utf8).write(to: file)
    let run = try vitext([
      "index", "build", "--no-entities", "--index", folder.appendingPathComponent("i").path,
      file.path,
    ])
    #expect(run.status == 65)
    #expect(run.stderr.contains("empty-id.jsonl:1: empty \"id\""))
  }

  /// A 24 MB document against a 4 MB limit: refused by name, or skipped and reported, without
  /// ever holding it.
  @Test func aDocumentOverTheLimitIsRefusedOrSkippedInBoundedMemory() throws {
    let folder = try hostileFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let paragraph = String(decoding: try TestData.seeds()[0].bytes, as: UTF8.self)
    var big = paragraph
    while big.utf8.count < 24 << 20 { big += "\n" + paragraph }
    let huge = String(
      decoding: try JSONSerialization.data(withJSONObject: ["id": "huge", "text": big]),
      as: UTF8.self)
    let file = folder.appendingPathComponent("big.jsonl")
    try Data((#"{"id": "small", "text": "Quận ủy Tây Hồ"}"# + "\n" + huge + "\n").utf8).write(
      to: file)
    let compressed = try gzipFile(file)
    let index = folder.appendingPathComponent("i").path
    let refused = try vitextPeak([
      "index", "build", "--max-document-mb", "4", "--index", index, compressed.path,
    ])
    #expect(refused.status == 65)
    #expect(
      refused.stderr.contains(
        "big.jsonl.gz:2: record larger than the limit of 4 MB (--max-document-mb)"),
      "\(refused.stderr)")
    let skipped = try vitextPeak([
      "index", "build", "--max-document-mb", "4", "--skip-bad-records", "--index", index,
      compressed.path,
    ])
    #expect(skipped.status == 0)
    #expect(skipped.stderr.contains("skipped: \(compressed.path):2: record larger"))
    #expect(skipped.stderr.contains("indexed 1 document,"))
    #expect(skipped.stderr.contains("skipped 1 bad record "))
    let small = try vitextPeak([
      "index", "build", "--index", index, TestData.corpus.appendingPathComponent("seeds").path,
    ])
    // The skipped document costs no more than a few MB over indexing the five seed articles.
    #expect(
      skipped.peakKB < small.peakKB + 64 * 1024,
      "peak \(skipped.peakKB) KB against \(small.peakKB) KB")
  }

  @Test func aFIFOIsReadByIndexBuild() throws {
    let folder = try hostileFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for name in ["pipe.txt", "pipe.jsonl"] {
      let path = folder.appendingPathComponent(name).path
      #expect(mkfifo(path, 0o600) == 0)
      let content =
        name.hasSuffix(".txt")
        ? "Đảng bộ huyện Đà Bắc\n" : #"{"id": "a", "text": "Đảng bộ huyện Đà Bắc"}"# + "\n"
      let writer = Thread {
        let handle = FileHandle(forWritingAtPath: path)
        handle?.write(Data(content.utf8))
        try? handle?.close()
      }
      writer.start()
      let run = try vitext([
        "index", "build", "--no-entities", "--index",
        folder.appendingPathComponent("i-\(name)").path, path,
      ])
      #expect(run.status == 0, "\(name): \(run.stderr)")
      #expect(run.stderr.contains("indexed 1 document,"), "\(run.stderr)")
    }
  }

  @Test func anUnreadableFileSaysPermissionDenied() throws {
    guard getuid() != 0 else {
      print("note: skipping the permission-denied check: running as root, which may read any file")
      return
    }
    let folder = try hostileFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("locked.txt")
    try Data("Đảng bộ".utf8).write(to: file)
    try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: file.path)
    for arguments in [
      ["normalize", file.path],
      ["index", "build", "--index", folder.appendingPathComponent("i").path, file.path],
    ] {
      let run = try vitext(arguments)
      #expect(run.status == 66)
      #expect(run.stderr.contains("permission denied"), "\(run.stderr)")
    }
  }
}

@Suite struct HostileEncodingTests {
  @Test func autoKeepsUTF8WithAStrayByteAsUTF8() throws {
    let seed = try TestData.seeds()[1].bytes
    // A Latin-1 "é" between two characters of a UTF-8 article.
    var cut = seed.count / 2
    while seed[cut] & 0xC0 == 0x80 { cut += 1 }
    let damaged = Array(seed[..<cut]) + [0xE9] + Array(seed[cut...])
    let run = try vitext(["normalize", "--from", "auto"], input: damaged)
    #expect(run.status == 0)
    #expect(run.stderr.contains("detected Unicode (UTF-8)"))
    #expect(
      run.stderr.contains(
        "replaced 1 invalid byte sequence with U+FFFD (the first at byte offset \(cut))"),
      "\(run.stderr)")
    let expected = try vitext(
      ["normalize"], input: Array(seed[..<cut]) + Array("\u{FFFD}".utf8) + Array(seed[cut...]))
    #expect(run.stdout == expected.stdout)
  }

  @Test func utf16WithAByteOrderMarkIsConverted() throws {
    let seed = String(decoding: try TestData.seeds()[2].bytes, as: UTF8.self)
    let reference = try vitext(["normalize"], input: seed.bytes)
    for encoding in [String.Encoding.utf16LittleEndian, .utf16BigEndian] {
      let bom: [UInt8] = encoding == .utf16LittleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
      let wide = bom + [UInt8](try #require(seed.data(using: encoding)))
      let run = try vitext(["normalize", "--from", "auto"], input: wide)
      #expect(run.status == 0)
      #expect(run.stderr.contains("detected UTF-16"))
      #expect(run.stdout == reference.stdout)
      // Without --from auto: invalid UTF-8, and the hint says what to do.
      let refused = try vitext(["normalize"], input: wide)
      #expect(refused.status == 65)
      #expect(refused.stderr.contains("byte-order mark of UTF-16"), "\(refused.stderr)")
      #expect(refused.stderr.contains("--from auto"))
    }
  }

  @Test func theInvalidUTF8HintFitsTheCommand() throws {
    let bad = Array("Đảng bộ ".utf8) + [0xFF, 0xFE, 0xFD, 0xFC] + Array(" huyện".utf8)
    let normalize = try vitext(["normalize"], input: bad)
    #expect(normalize.status == 65)
    #expect(normalize.stderr.contains("--from auto"))
    // Under --from auto with no sign of a legacy encoding, --from auto is not the advice.
    let auto = try vitext(["normalize", "--from", "auto"], input: bad)
    #expect(auto.status == 65)
    #expect(auto.stderr.contains("found no strong sign of TCVN3 or VNI"), "\(auto.stderr)")
    // index build has no --from: JSON and its texts are UTF-8 or repaired.
    let folder = try hostileFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("bad.txt")
    try Data(bad).write(to: file)
    let index = try vitext([
      "index", "build", "--no-entities", "--index", folder.appendingPathComponent("i").path,
      file.path,
    ])
    #expect(index.status == 65)
    #expect(index.stderr.contains("--lossy") && !index.stderr.contains("--from"), "\(index.stderr)")
  }

  @Test func controlCharactersSeparateWordsAndEmojiSequencesSurvive() throws {
    let run = try vitext(
      ["normalize"], input: Array("Đảng\u{0}bộ\u{7}huyện 👨\u{200D}👩\u{200D}👧\n".utf8))
    #expect(run.stdout == Array("Đảng bộ huyện 👨\u{200D}👩\u{200D}👧\n".utf8))
  }
}

@Suite struct HostileDocumentSizeTests {
  /// Index build holds a long document's text about once and its positions as varint gaps:
  /// doubling a long document (6 MB to 12 MB, both past every long-document threshold) adds
  /// under four times the bytes added. Measured: a debug build 3.1 times; a release build 0.7
  /// (12 → 60 MB) to 1.3 (60 → 100 MB); before, 7.2 (a 60 MB document peaked at 473 MB and a
  /// 100 MB one at 725 MB; now 113 and 165 MB).
  @Test func indexBuildOfALongDocumentHoldsItAboutOnce() throws {
    let folder = try hostileFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let one = try TestData.seeds().map { String(decoding: $0.bytes, as: UTF8.self) }.joined(
      separator: "\n")
    func peak(megabytes: Int) throws -> Int {
      var text = one
      while text.utf8.count < megabytes << 20 { text += "\n" + one }
      let record = String(
        decoding: try JSONSerialization.data(withJSONObject: ["id": "long", "text": text]),
        as: UTF8.self)
      let file = folder.appendingPathComponent("long\(megabytes).jsonl")
      try Data((record + "\n").utf8).write(to: file)
      let index = folder.appendingPathComponent("i\(megabytes)").path
      let run = try vitextPeak(["index", "build", "--index", index, try gzipFile(file).path])
      #expect(run.status == 0, "\(run.stderr)")
      let found = try vitext([
        "search", "--index", index, "--format", "json", "\"sinh hoạt chi bộ\"",
      ])
      #expect(
        found.status == 0
          && String(decoding: found.stdout, as: UTF8.self).contains("\"id\":\"long\""))
      return run.peakKB
    }
    let small = try peak(megabytes: 6)
    let large = try peak(megabytes: 12)
    #expect(large - small < 4 * 6 * 1024, "peak \(large) KB for 12 MB against \(small) KB for 6 MB")
  }

  /// Entities are tagged in windows: a 3 MB line costs little more than a short document. (Whole,
  /// tagging held ~16 bytes a byte: a 50 MB line peaked at 782 MB.)
  @Test func entitiesOnALongLineRunInBoundedMemory() throws {
    let folder = try hostileFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let seeds = try TestData.seeds().map {
      String(decoding: $0.bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
    }
    let one = seeds.joined(separator: " ")
    var line = one
    while line.utf8.count < 3 << 20 { line += " " + one }
    let long = folder.appendingPathComponent("long.txt")
    try Data((line + "\n").utf8).write(to: long)
    let short = folder.appendingPathComponent("short.txt")
    try Data((one + "\n").utf8).write(to: short)
    let small = try vitextPeak(["entities", short.path])
    let large = try vitextPeak(["entities", long.path])
    #expect(small.status == 0 && large.status == 0)
    #expect(
      large.peakKB < small.peakKB + 24 * 1024, "peak \(large.peakKB) KB against \(small.peakKB) KB")
  }
}
