import Foundation
import Testing
import VietTestSupport

/// Runs the built `vitext` with `arguments`, feeding `input` on standard input, in `folder`
/// (for the index the commands keep under the working folder) or the current one.
func vitext(
  _ arguments: [String], input: [UInt8] = [], in folder: URL? = nil,
  executable: URL = TestData.executable
) throws -> (stdout: [UInt8], stderr: String, status: Int32) {
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  if let folder { process.currentDirectoryURL = folder }
  // Standard input and error go through files, so a large input or a chatty error stream can
  // never fill a pipe while the test reads the other one.
  let inputFile = try temporaryFile(input)
  let errorFile = try temporaryFile([])
  defer {
    try? FileManager.default.removeItem(at: inputFile)
    try? FileManager.default.removeItem(at: errorFile)
  }
  process.standardInput = try FileHandle(forReadingFrom: inputFile)
  process.standardError = try FileHandle(forWritingTo: errorFile)
  let stdoutPipe = Pipe()
  process.standardOutput = stdoutPipe
  try process.run()
  let output = stdoutPipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  let errors = try Data(contentsOf: errorFile)
  return ([UInt8](output), String(decoding: errors, as: UTF8.self), process.terminationStatus)
}

func temporaryFile(_ bytes: [UInt8], name: String = UUID().uuidString) throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("vitext-test-\(name)")
  try Data(bytes).write(to: url)
  return url
}

@Suite struct NormalizeCommandTests {
  @Test func canonicalTonePlacementByDefault() throws {
    let run = try vitext(["normalize"], input: "Quận uỷ\n".bytes)
    #expect(run.stdout == "Quận ủy\n".bytes)
    #expect(run.status == 0)
  }

  @Test func foldAllLowercase() throws {
    let run = try vitext(
      ["normalize", "--fold", "all", "--lowercase"], input: "Hoà BÌNH, đường\n".bytes)
    #expect(run.stdout == "hoa binh, duong\n".bytes)
  }

  @Test func decomposedInputGivesTheSameOutputAsComposed() throws {
    for seed in try TestData.seeds() {
      let nfd = String(decoding: seed.bytes, as: UTF8.self).decomposedStringWithCanonicalMapping
        .bytes
      #expect(nfd != seed.bytes)
      let fromNFD = try vitext(["normalize"], input: nfd)
      let fromNFC = try vitext(["normalize"], input: seed.bytes)
      #expect(fromNFD.stdout == fromNFC.stdout, "\(seed.name)")
    }
  }

  @Test func newToneStyleAndNFDForm() throws {
    #expect(
      try vitext(["normalize", "--tone-style", "new"], input: "hòa thủy\n".bytes).stdout
        == "hoà thuỷ\n".bytes)
    let nfd = try vitext(["normalize", "--form", "nfd"], input: "ủy\n".bytes).stdout
    #expect(nfd == "u\u{309}y\n".unicodeScalars.reduce(into: [UInt8]()) { $0 += String($1).utf8 })
  }

  @Test func invalidUTF8FailsWithFileAndOffset() throws {
    let file = try temporaryFile(
      "Sáng 11/6".bytes + [0xC3, 0x28] + " hội nghị\n".bytes, name: "invalid.txt")
    let run = try vitext(["normalize", file.path])
    #expect(run.status == 65)
    #expect(run.stderr.contains(file.path) && run.stderr.contains("byte offset 10"))
    #expect(run.stdout.isEmpty)
  }

  @Test func lossyReplacesInvalidBytes() throws {
    let run = try vitext(["normalize", "--lossy"], input: "Sáng".bytes + [0xFF] + " nay\n".bytes)
    #expect(run.status == 0)
    #expect(run.stdout == "Sáng\u{FFFD} nay\n".bytes)
  }

  @Test func emptyInputGivesEmptyOutput() throws {
    let run = try vitext(["normalize"], input: [])
    #expect(run.status == 0 && run.stdout.isEmpty && run.stderr.isEmpty)
    let tokens = try vitext(["tokenize", "--format", "jsonl"], input: [])
    #expect(tokens.status == 0 && tokens.stdout.isEmpty)
  }

  @Test func missingFileIsANoInputError() throws {
    let run = try vitext(["normalize", "/nonexistent/report.txt"])
    #expect(run.status == 66)
    #expect(run.stderr.contains("/nonexistent/report.txt"))
  }

  @Test func unknownOptionIsAUsageError() throws {
    let run = try vitext(["normalize", "--fold", "most"])
    #expect(run.status == 64)
  }

  @Test func detectsAndConvertsTCVN3() throws {
    let fixture = TestData.packageRoot.appendingPathComponent(
      "Tests/VietNormalizationTests/Fixtures/son-tay.tcvn3.txt")
    let run = try vitext(["normalize", "--from", "auto", fixture.path])
    #expect(run.status == 0)
    #expect(run.stderr.contains("detected TCVN3"))
    #expect(
      String(decoding: run.stdout, as: UTF8.self).hasPrefix("Ban Thường vụ Thị ủy sơ kết 03 năm"))
    let explicit = try vitext(["normalize", "--from", "tcvn3", fixture.path])
    #expect(explicit.stdout == run.stdout && explicit.stderr.isEmpty)
  }

  @Test func aFiftyMegabyteLineIsNormalizedInBoundedMemory() throws {
    // One line of ~50 MB: seed sentences with their newlines turned into spaces, in NFD so that
    // every word goes through ICU.
    let seed = String(decoding: try TestData.seeds()[0].bytes, as: UTF8.self)
      .replacingOccurrences(of: "\n", with: " ").decomposedStringWithCanonicalMapping.bytes
    var line: [UInt8] = []
    line.reserveCapacity(50 << 20 + seed.count)
    var copies = 0
    while line.count < 50 << 20 {
      line += seed
      copies += 1
    }
    let file = try temporaryFile(line + [0x0A], name: "long-line.txt")
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try vitext(["normalize", "--fold", "all", file.path])
    #expect(run.status == 0)
    // Chunks are cut at spaces, so the output is exactly the output for one copy, repeated.
    let one = try vitext(["normalize", "--fold", "all"], input: seed).stdout
    #expect(run.stdout.count == one.count * copies + 1)
    #expect(run.stdout == Array([[UInt8]](repeating: one, count: copies).joined()) + [0x0A])
    // The reader works in 4 MiB chunks; 384 MB would mean the 50 MB line was held many times
    // over. Measured on a run of its own (`vitextPeak`), not through this process's children.
    let measured = try vitextPeak(["normalize", "--fold", "all", file.path])
    #expect(measured.status == 0)
    #expect(measured.peakKB < 384 * 1024, "peak RSS \(measured.peakKB) KB")
  }
}

@Suite struct TokenizeCommandTests {
  @Test func textFormatPrintsOneSentenceALine() throws {
    let run = try vitext(["tokenize"], input: "Sáng 11/6, BTV Thị uỷ họp. Đạt 15,56%.\n".bytes)
    #expect(
      String(decoding: run.stdout, as: UTF8.self) == "Sáng 11/6 , BTV Thị ủy họp .\nĐạt 15,56% .\n")
  }

  @Test func seedTokensKeepTheirKinds() throws {
    let seed = TestData.corpus.appendingPathComponent("seeds/000_958dd04866c0e41a.txt")
    let run = try vitext(["tokenize", "--format", "jsonl", seed.path])
    #expect(run.status == 0)
    var kinds: [String: String] = [:]
    for line in run.stdout.split(separator: 0x0A) {
      let object = try JSONSerialization.jsonObject(with: Data(line)) as! [String: Any]
      for token in object["tokens"] as! [[String: Any]] {
        kinds[token["text"] as! String] = token["kind"] as? String
      }
    }
    #expect(kinds["11-ĐA/TU"] == "document_number")
    #expect(kinds["06/12/2021"] == "date")
    #expect(kinds["10.630"] == "number")
    #expect(kinds["15,56%"] == "percent")
    #expect(kinds["HĐND"] == "abbreviation")
  }

  @Test func jsonOffsetsAreCodePointsIntoTheNFCInput() throws {
    // Decomposed input with zero-width spaces: offsets must still index NFC of the input, as
    // Python's str does, so the shared scorers can use them.
    for seed in try TestData.seeds() {
      let original = String(decoding: seed.bytes, as: UTF8.self)
      let messy = original.replacingOccurrences(of: "Đảng", with: "Đả\u{200B}ng")
        .decomposedStringWithCanonicalMapping
      let run = try vitext(["tokenize", "--format", "jsonl"], input: messy.bytes)
      #expect(run.status == 0)
      let reference = Array(messy.precomposedStringWithCanonicalMapping.unicodeScalars)
      var checked = 0
      for line in run.stdout.split(separator: 0x0A) {
        let object = try JSONSerialization.jsonObject(with: Data(line)) as! [String: Any]
        for token in object["tokens"] as! [[String: Any]] {
          let start = token["start"] as! Int
          let end = token["end"] as! Int
          var slice = ""
          slice.unicodeScalars.append(contentsOf: reference[start..<end])
          slice = slice.replacingOccurrences(of: "\u{200B}", with: "").replacingOccurrences(
            of: "\u{A0}", with: " ")
          let text = token["text"] as! String
          // Tone placement may move a mark ("uỷ" → "ủy"), never add or drop letters.
          let fold = { (s: String) in s.folding(options: .diacriticInsensitive, locale: nil) }
          #expect(fold(slice).bytes == fold(text).bytes, "\(seed.name) \(start)..<\(end)")
          checked += 1
        }
      }
      #expect(checked > 100)
    }
  }
}

@Suite struct WordSegmentationCommandTests {
  @Test func wordsJoinSyllablesWithUnderscores() throws {
    let run = try vitext(
      ["tokenize", "--words"],
      input: "Ban Thường vụ Thị ủy sơ kết 03 năm thực hiện Đề án số 11-ĐA/TU\n".bytes)
    #expect(run.status == 0)
    let words = String(decoding: run.stdout, as: UTF8.self).split(separator: " ").map(String.init)
    #expect(words.contains("sơ_kết") && words.contains("thực_hiện") && words.contains("Đề_án"))
    #expect(words.last == "11-ĐA/TU\n")
  }

  @Test func linesGiveOneOutputLinePerInputLineEmptyOnesIncluded() throws {
    let run = try vitext(
      ["tokenize", "--words", "--lines"],
      input: "Chi bộ họp. Đảng viên đến đủ.\n\nsinh hoạt chi bộ\n".bytes)
    #expect(
      String(decoding: run.stdout, as: UTF8.self)
        == "Chi_bộ họp . Đảng_viên đến đủ .\n\nsinh_hoạt chi_bộ\n")
  }

  @Test func conlluHasOneWordALineWithSpaceAfterMarks() throws {
    let run = try vitext(["tokenize", "--format", "conllu"], input: "Sinh hoạt chi bộ.\n".bytes)
    let lines = String(decoding: run.stdout, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "# sent_id = 1")
    #expect(lines[1] == "# text = Sinh hoạt chi bộ.")
    #expect(lines[2] == "1\tSinh hoạt\t_\t_\t_\t_\t_\t_\t_\t_")
    #expect(lines[3] == "2\tchi bộ\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No")
    #expect(lines[4] == "3\t.\t_\t_\t_\t_\t_\t_\t_\t_")
  }

  @Test func jsonWordsCarryCodePointOffsetsIntoTheInput() throws {
    // NFD input: offsets still count the code points of its NFC form.
    let input = "Sinh hoạt chi bộ".decomposedStringWithCanonicalMapping + "\n"
    let run = try vitext(["tokenize", "--format", "jsonl", "--words"], input: input.bytes)
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout)) as! [String: Any]
    let words = object["words"] as! [[String: Any]]
    let nfc = Array("Sinh hoạt chi bộ".unicodeScalars)
    #expect(words.count == 2)
    for word in words {
      let start = word["start"] as! Int
      let end = word["end"] as! Int
      let text = String(String.UnicodeScalarView(nfc[start..<end]))
      #expect(text.bytes == (word["text"] as! String).bytes)
    }
  }

  /// The shared scorer and vitext's own count agree, and F1 stays at the shipped figure.
  @Test func sharedScorerReportsTheShippedF1() throws {
    guard let gold = try TestData.shared("data/segmentation/vi_vtb-ud-dev.conllu"),
      let scorer = try TestData.shared("tools/seg_eval.py")
    else { return }
    let text = try python([scorer.path, "text", gold.path])
    let run = try vitext(["tokenize", "--words", "--lines"], input: text)
    #expect(run.status == 0)
    let output = try temporaryFile(run.stdout)
    defer { try? FileManager.default.removeItem(at: output) }
    let report = try python([scorer.path, "score", "--json", gold.path, output.path])
    let json = try JSONSerialization.jsonObject(with: Data(report)) as! [String: Any]
    let f1 = json["f1"] as! Double
    #expect(f1 >= 0.9722, "seg_eval.py F1 \(f1)")
  }
}

/// Runs python3 and returns its standard output.
func python(_ arguments: [String]) throws -> [UInt8] {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3"] + arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else { throw PythonFailed(arguments: arguments) }
  return [UInt8](data)
}

struct PythonFailed: Error { var arguments: [String] }
