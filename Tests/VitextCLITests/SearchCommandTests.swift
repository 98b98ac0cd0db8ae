import Foundation
import Testing
import VietTestSupport

private func scratchFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "vitext-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

private func json(_ bytes: [UInt8]) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
}

@Suite struct SearchCommandTests {
  @Test func searchOnAFreshCheckoutBuildsTheIndexFromCorpusAndHighlights() throws {
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A Corpus/ with the seed articles only (the bundled legal sample takes long to tag in a
    // debug build).
    let corpus = folder.appendingPathComponent("Corpus")
    try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: corpus.appendingPathComponent("seeds"),
      withDestinationURL: TestData.corpus.appendingPathComponent("seeds"))
    let run = try vitext(["search", "sinh hoat chi bo", "--format", "json"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("building"))
    let response = try json(run.stdout)
    let hits = try #require(response["hits"] as? [[String: Any]])
    #expect(response["total"] as? Int == 5)
    #expect(
      Set(hits.compactMap { $0["id"] as? String })
        == Set(try TestData.seeds().map { "seeds/" + $0.name.dropLast(4) }))
    for hit in hits {
      let snippet = Array((hit["snippet"] as? String ?? "").unicodeScalars)
      let spans = try #require(hit["highlights"] as? [[Int]])
      #expect(!spans.isEmpty)
      for span in spans {
        // Code-point spans (Python str indices) of words that fold to the query's.
        let marked = String(String.UnicodeScalarView(snippet[span[0]..<span[1]]))
        let folded = marked.folding(
          options: [.diacriticInsensitive, .caseInsensitive], locale: nil
        ).replacingOccurrences(of: "đ", with: "d")
        #expect(
          folded.split(separator: " ").allSatisfy {
            ["sinh", "hoat", "chi", "bo"].contains(String($0))
          }, "\(marked)")
      }
    }
    // The second search reuses the index.
    let again = try vitext(["search", "Đảng", "--format", "json"], in: folder)
    #expect(!again.stderr.contains("building"))
    #expect(try json(again.stdout)["total"] as? Int == 5)
  }

  @Test func indexCommandsBuildAddRemoveAndCheck() throws {
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let corpus = folder.appendingPathComponent("reports.jsonl")
    try Data(
      """
      {"id": "r1", "title": "Báo cáo sơ kết", "text": "Đảng viên tham gia sinh hoạt chi bộ."}
      {"id": "r2", "title": "Thông báo", "text": "Cán bộ đang làm việc."}

      """.utf8
    ).write(to: corpus)
    #expect(try vitext(["index", "build", "--index", "ix", corpus.path], in: folder).status == 0)
    func total(_ query: String) throws -> Int? {
      try json(
        try vitext(["search", "--index", "ix", "--format", "json", query], in: folder).stdout)[
          "total"] as? Int
    }
    #expect(try total("title:\"sơ kết\"") == 1)
    #expect(try total("Đảng") == 1)
    #expect(try total("dang") == 2)
    let more = folder.appendingPathComponent("r3.txt")
    try Data("Đảng bộ huyện tổ chức hội nghị.".utf8).write(to: more)
    #expect(try vitext(["index", "add", "--index", "ix", more.path], in: folder).status == 0)
    #expect(try total("Đảng") == 2)
    #expect(try vitext(["index", "remove", "--index", "ix", "r1"], in: folder).status == 0)
    #expect(try total("Đảng") == 1)
    let missing = try vitext(["index", "remove", "--index", "ix", "nope"], in: folder)
    #expect(missing.status == 66 && missing.stderr.contains("nope"))
    #expect(try vitext(["index", "merge", "--index", "ix"], in: folder).status == 0)
    let check = try vitext(["index", "check", "--index", "ix"], in: folder)
    #expect(check.status == 0 && String(decoding: check.stdout, as: UTF8.self).contains("ok"))

    // Bad input changes nothing: a malformed JSON line, text that is not UTF-8.
    let bad = folder.appendingPathComponent("bad.jsonl")
    try Data("{\"id\": \"x\", \"text\": \"Đảng\"}\n{\"id\": \"y\", \"text\": \n".utf8).write(
      to: bad)
    let badRun = try vitext(["index", "add", "--index", "ix", bad.path], in: folder)
    #expect(badRun.status == 65 && badRun.stderr.contains("bad.jsonl:2"))
    let latin1 = folder.appendingPathComponent("latin1.txt")
    try Data([0x44, 0xE2, 0x6E, 0x67]).write(to: latin1)
    #expect(try vitext(["index", "add", "--index", "ix", latin1.path], in: folder).status == 65)
    // A bad line after several batches were already prepared and filed (the build reads on one
    // thread and indexes on another): the error still arrives and nothing is committed.
    let late = folder.appendingPathComponent("late.jsonl")
    let goodLines = (1...99).map { "{\"id\": \"g\($0)\", \"text\": \"Đảng viên số \($0).\"}\n" }
      .joined()
    try Data((goodLines + "{\"id\": \"z\", \"text\": 5\n").utf8).write(to: late)
    let lateRun = try vitext(["index", "add", "--index", "ix", late.path], in: folder)
    #expect(lateRun.status == 65 && lateRun.stderr.contains("late.jsonl:100"))
    #expect(try total("Đảng") == 1)
  }

  @Test func malformedQueriesAndMissingOrDamagedIndexesExitWithAReason() throws {
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = try vitext(["search", "--index", "none", "Đảng"], in: folder)
    #expect(missing.status == 66 && missing.stderr.contains("vitext index build"))
    #expect(
      try vitext(
        ["index", "build", "--index", "ix", TestData.corpus.appendingPathComponent("seeds").path],
        in: folder
      ).status == 0)
    let unbalanced = try vitext(["search", "--index", "ix", "\"sinh hoạt"], in: folder)
    #expect(unbalanced.status == 64 && unbalanced.stderr.contains("never closed"))
    let lone = try vitext(["search", "--index", "ix", "đảng", "-"], in: folder)
    #expect(lone.status == 64)
    let segment = folder.appendingPathComponent("ix/seg-000001.vtx")
    var bytes = [UInt8](try Data(contentsOf: segment))
    bytes[bytes.count / 2] ^= 0xFF
    try Data(bytes).write(to: segment)
    let check = try vitext(["index", "check", "--index", "ix"], in: folder)
    #expect(check.status == 65 && check.stderr.contains("checksum"))
    try Data(bytes.prefix(100)).write(to: segment)
    let truncated = try vitext(["search", "--index", "ix", "Đảng"], in: folder)
    #expect(truncated.status == 65 && truncated.stderr.contains("seg-000001.vtx"))
  }

  /// kill -9 at 20 moments spread over an `index add` (reading, flushing segments, committing):
  /// after each, the last commit answers and every checksum matches.
  @Test func killedWritersLeaveTheLastCommitSearchable() throws {
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(
      try vitext(
        [
          "index", "build", "--no-entities", "--index", "ix",
          TestData.corpus.appendingPathComponent("seeds").path,
        ], in: folder
      ).status == 0)
    let seeds = try TestData.seeds().map { String(decoding: $0.bytes, as: UTF8.self) }
    var lines = ""
    for number in 0..<200 {
      let record = try JSONSerialization.data(withJSONObject: [
        "id": "batch-\(number)", "text": seeds[number % seeds.count],
      ])
      lines += String(decoding: record, as: UTF8.self) + "\n"
    }
    let batch = folder.appendingPathComponent("batch.jsonl")
    try Data(lines.utf8).write(to: batch)
    // How long an undisturbed add takes here, to spread the kills over it.
    let timing = Date()
    #expect(
      try vitext(
        ["index", "add", "--no-entities", "--memory-mb", "1", "--index", "ix2", batch.path],
        in: folder
      ).status == 0)
    let duration = max(0.05, Date().timeIntervalSince(timing))
    var committedAfterKill = 0
    for attempt in 0..<20 {
      let process = Process()
      process.executableURL = TestData.executable
      process.arguments = [
        "index", "add", "--no-entities", "--memory-mb", "1", "--index", "ix", batch.path,
      ]
      process.currentDirectoryURL = folder
      process.standardError = FileHandle.nullDevice
      try process.run()
      usleep(UInt32(duration * 2 * Double(attempt) / 19 * 1e6))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let run = try vitext(["search", "--index", "ix", "--format", "json", "Đảng"], in: folder)
      #expect(run.status == 0, "attempt \(attempt): \(run.stderr)")
      let total = try json(run.stdout)["total"] as? Int
      #expect(total == 5 || total == 205, "attempt \(attempt): \(String(describing: total))")
      if total == 205 { committedAfterKill += 1 }
      let check = try vitext(["index", "check", "--index", "ix"], in: folder)
      #expect(check.status == 0, "attempt \(attempt): \(check.stderr)")
    }
    // The last kills come after the add finished (kills span twice an undisturbed run).
    #expect(committedAfterKill >= 1)
  }

  /// Issue 19's first complaint, on the bundled legal sample: typed without diacritics, "che do
  /// thai san" (maternity benefits) once ranked an unrelated circular or an ASCII slug first.
  @Test func aQueryTypedWithoutDiacriticsFindsWhatItsAccentedFormMeans() throws {
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let build = try vitext(
      [
        "index", "build", "--index", "gov", "--no-entities",
        TestData.corpus.appendingPathComponent("gov").path,
      ], in: folder)
    #expect(build.status == 0, "\(build.stderr)")
    let response = try json(
      try vitext(
        ["search", "--index", "gov", "--format", "json", "--limit", "3", "che do thai san"],
        in: folder
      ).stdout)
    let hits = try #require(response["hits"] as? [[String: Any]])
    #expect(hits.count == 3)
    // Each of the first three is about maternity benefits: it says "chế độ thai sản" again and
    // again (the texts read from the corpus file itself).
    let gunzip = Process()
    gunzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
    gunzip.arguments = [
      "-dc", TestData.corpus.appendingPathComponent("gov/gov-sample.jsonl.gz").path,
    ]
    let pipe = Pipe()
    gunzip.standardOutput = pipe
    try gunzip.run()
    let lines = pipe.fileHandleForReading.readDataToEndOfFile()
    gunzip.waitUntilExit()
    var texts: [String: String] = [:]
    for line in lines.split(separator: UInt8(ascii: "\n")) {
      if let record = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
        let id = record["id"] as? String
      {
        texts[id] = record["text"] as? String
      }
    }
    for hit in hits {
      let id = try #require(hit["id"] as? String)
      let text = try #require(texts[id]).lowercased()
      #expect(text.components(separatedBy: "chế độ thai sản").count > 10, "\(id)")
    }
    // Whatever the query, hits come in the order of the scores they show.
    var queries = [
      "che do thai san", "xu phat vi pham hanh chinh giao thong", "phong chong tham nhung",
      "Luật Bảo hiểm xã hội", "dang vien OR chi bo",
    ]
    if let file = try TestData.shared("tools/queries-vi.json"),
      let listed = try JSONSerialization.jsonObject(with: Data(contentsOf: file))
        as? [[String: Any]]
    {
      queries += listed.compactMap { $0["q"] as? String }
    }
    for query in queries {
      // A generous deadline: this is about order, and a debug build on a loaded machine is slow.
      let run = try vitext(
        [
          "search", "--index", "gov", "--format", "json", "--limit", "30", "--no-snippets",
          "--timeout", "120", query,
        ], in: folder)
      #expect(run.status == 0, "\(query): \(run.stderr)")
      let scores = (try json(run.stdout)["hits"] as? [[String: Any]] ?? []).compactMap {
        ($0["score"] as? NSNumber)?.doubleValue
      }
      #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 }, "\(query): \(scores)")
    }
  }

  /// A stored text with one letter changed (still valid UTF-8): `vitext search` exits 65 naming
  /// the damage, where it used to print the altered snippet and exit 0 (issue 21).
  @Test func aDamagedStoredTextStopsTheSearchWithExit65() throws {
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(
      try vitext(
        [
          "index", "build", "--no-entities", "--index", "ix",
          TestData.corpus.appendingPathComponent("seeds").path,
        ], in: folder
      ).status == 0)
    let healthy = try vitext(["search", "--index", "ix", "Sơn Tây"], in: folder)
    #expect(
      healthy.status == 0 && String(decoding: healthy.stdout, as: UTF8.self).contains("Sơn Tây"))
    let segment = folder.appendingPathComponent("ix/seg-000001.vtx")
    var bytes = [UInt8](try Data(contentsOf: segment))
    // Only the stored texts hold the capitalized words (term keys are lowercase).
    let word = Array("Sơn Tây".utf8)
    let at = try #require(
      (0...(bytes.count - word.count)).first { bytes[$0..<($0 + word.count)].elementsEqual(word) })
    bytes[at] ^= 0x20  // "sơn Tây"
    try Data(bytes).write(to: segment)
    let damaged = try vitext(["search", "--index", "ix", "Sơn Tây"], in: folder)
    #expect(
      damaged.status == 65 && damaged.stderr.contains("checksum mismatch in the stored documents"),
      "\(damaged.stderr)")
    // The core describes the damage; the CLI adds the commands that help.
    #expect(
      damaged.stderr.contains(
        "rebuild the index with `vitext index build` (`vitext index check` lists the damage)"),
      "\(damaged.stderr)")
    #expect(!String(decoding: damaged.stdout, as: UTF8.self).contains("sơn Tây"))
  }
}
