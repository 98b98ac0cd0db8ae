import Foundation
import FuzzTargets
import Testing
import VietTestSupport

/// Every fuzz target (Tests/Fuzz) run on every `swift test`, without libFuzzer: its seed inputs,
/// any saved crash inputs (`Tests/Fuzz/Regressions/<target>/`), and a fixed number of mutants
/// of the seeds made by a seeded generator, so a run is the same on every machine. A trap in a
/// target stops the test process, which fails the run. The coverage-guided search for new
/// inputs stays with `.ci/fuzz` (README.md, "Fuzzing"); this keeps what it found, and the
/// targets themselves, from rotting.
@Suite struct FuzzReplayTests {
  /// Mutants per target: enough to reach every mutation kind on every seed many times, few
  /// enough for the slowest target (a segment written, opened and searched per input) to run
  /// in seconds.
  static func mutantCount(_ target: FuzzTarget) -> Int {
    switch target {
    case .segmentReader: 400
    case .queryParser: 1_500
    default: 4_000
    }
  }

  static func inputs(in folder: URL) -> [[UInt8]] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.sorted().compactMap {
      try? [UInt8](Data(contentsOf: folder.appendingPathComponent($0)))
    }
  }

  @Test(arguments: FuzzTarget.allCases)
  func seedsRegressionsAndMutants(_ target: FuzzTarget) throws {
    let fuzz = TestData.packageRoot.appendingPathComponent("Tests/Fuzz")
    let seeds = Self.inputs(in: fuzz.appendingPathComponent("Seeds/\(target.rawValue)"))
    try #require(!seeds.isEmpty, "no seed inputs for \(target.rawValue)")
    let regressions = Self.inputs(in: fuzz.appendingPathComponent("Regressions/\(target.rawValue)"))
    for input in seeds + regressions { input.withUnsafeBufferPointer(target.run) }

    var mutator = Mutator(seed: 0x5EED_0000 &+ UInt64(FuzzTarget.allCases.firstIndex(of: target)!))
    for _ in 0..<Self.mutantCount(target) {
      mutator.mutant(of: seeds).withUnsafeBufferPointer(target.run)
    }
    target.removeScratchIndex()
  }

  /// Under `CI=true` (or `VITEXT_FUZZ_SMOKE=1`), every target also runs under libFuzzer for a
  /// fixed number of inputs from a fixed seed (`VITEXT_FUZZ_RUNS=3000 .ci/fuzz`): the coverage-
  /// guided search itself, its sanitizer build and the driver's link are then checked on every
  /// CI run, not only when someone runs a long search by hand. Elsewhere it is skipped with a
  /// note: it builds the package a third time (`.build/fuzz`), minutes on two cores.
  @Test func libFuzzerShortRunFindsNothing() throws {
    let environment = ProcessInfo.processInfo.environment
    guard environment["CI"] == "true" || environment["VITEXT_FUZZ_SMOKE"] == "1" else {
      print("note: skipping the libFuzzer short run (CI=true or VITEXT_FUZZ_SMOKE=1 runs it)")
      return
    }
    let process = Process()
    // At the lowest priority: the sanitizer build runs beside the rest of the suite, whose
    // server tests answer 200 requests within the test client's fixed 20 s.
    process.executableURL = URL(fileURLWithPath: "/usr/bin/nice")
    process.arguments = ["-n", "19", "/bin/bash", ".ci/fuzz"]
    process.currentDirectoryURL = TestData.packageRoot
    // A hang is still caught, but a nice-19 process may wait long for a core while the suite
    // runs, so one input gets 120 s rather than the 10 s of a long run on a quiet machine.
    process.environment = environment.merging([
      "VITEXT_FUZZ_RUNS": "3000", "VITEXT_FUZZ_TIMEOUT": "120",
    ]) { $1 }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(log.suffix(4_000))")
    // Every target ran its inputs: one line of libFuzzer's final statistics each.
    let executed = log.split(separator: "\n").filter {
      $0.hasPrefix("stat::number_of_executed_units:")
    }
    #expect(executed.count == FuzzTarget.allCases.count, "\(log.suffix(4_000))")
  }

  @Test func mutantsDifferFromTheirSeeds() {
    let seeds: [[UInt8]] = [
      Array("sinh hoạt chi bộ".utf8), Array("{\"text\": \"Nghị định\"}".utf8),
    ]
    var mutator = Mutator(seed: 7)
    let mutants = (0..<200).map { _ in mutator.mutant(of: seeds) }
    #expect(mutants.filter { !seeds.contains($0) }.count > 150)
    #expect(Set(mutants).count > 100)
  }
}

/// Makes inputs from seed inputs the way a mutation fuzzer's first steps do: bit flips, bytes
/// that parsers treat specially, deletions, duplications, splices of two seeds, truncations.
/// SplitMix64, so the sequence is fixed by the seed on every platform.
struct Mutator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }

  /// Bytes with a meaning to one of the parsers: JSON and query syntax, UTF-8 lead and
  /// continuation bytes, NUL, line ends, digits, TCVN3/VNI letters.
  static let special: [UInt8] =
    Array("\"\\{}[]:,*()-~^0123456789 \n\r\t".utf8) + [
      0x00, 0xFF, 0xC3, 0xA1, 0xE1, 0xBB, 0x80, 0xF0, 0xED, 0xB8, 0xEA, 0xD3,
    ]

  mutating func mutant(of seeds: [[UInt8]]) -> [UInt8] {
    var bytes = seeds[below(seeds.count)]
    for _ in 0...below(4) {
      switch below(7) {
      case 0 where !bytes.isEmpty:
        bytes[below(bytes.count)] ^= UInt8(1) << UInt8(below(8))
      case 1:
        bytes.insert(Self.special[below(Self.special.count)], at: below(bytes.count + 1))
      case 2 where !bytes.isEmpty:
        let start = below(bytes.count)
        bytes.removeSubrange(start..<min(bytes.count, start + 1 + below(16)))
      case 3 where !bytes.isEmpty:
        let start = below(bytes.count)
        let chunk = bytes[start..<min(bytes.count, start + 1 + below(64))]
        bytes.insert(
          contentsOf: Array(repeating: chunk, count: 1 + below(8)).joined(),
          at: below(bytes.count + 1))
      case 4:
        let other = seeds[below(seeds.count)]
        bytes = Array(bytes.prefix(below(bytes.count + 1))) + other.suffix(below(other.count + 1))
      case 5 where !bytes.isEmpty:
        bytes.removeLast(below(bytes.count))
      default:
        let byte = UInt8(truncatingIfNeeded: next())
        if bytes.isEmpty { bytes.append(byte) } else { bytes[below(bytes.count)] = byte }
      }
    }
    return bytes
  }
}
