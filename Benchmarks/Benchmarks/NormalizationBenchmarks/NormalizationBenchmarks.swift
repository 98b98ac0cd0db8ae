import Benchmark
import BenchmarkCorpus
import Foundation
import VietICU
import VietNormalization

/// normalize against the floors a Swift user would otherwise reach for, in the same run:
/// ICU's NFC alone (UTF-16, as ICU works) and Foundation's folding and NFC.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
    maxDuration: .seconds(10), maxIterations: 20)

  let text = BenchmarkCorpus.seeds9MB
  let decomposed = BenchmarkCorpus.seeds9MBDecomposed
  let string = String(decoding: text, as: UTF8.self)

  Benchmark("ICU unorm2_normalize NFC UTF-8 → UTF-8 (with ICU's conversions)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try ICU.normalize(text, to: .nfc)) }
  }

  Benchmark("ICU unorm2_normalize NFC (UTF-16, conversion not timed)") { benchmark in
    let units = try ICUBaselines.utf16(text)
    var output: [UInt16] = []
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { blackHole(try ICUBaselines.nfcUTF16(units, into: &output)) }
  }

  Benchmark("ICU unorm2_spanQuickCheckYes NFC (UTF-16)") { benchmark in
    let units = try ICUBaselines.utf16(text)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      let span = try ICUBaselines.nfcQuickCheckSpan(units)
      precondition(span == units.count, "the seeds are NFC")
      blackHole(span)
    }
  }

  Benchmark("vitext normalize (NFC + tones + clean-up)") { benchmark in
    let normalizer = Normalizer()
    for _ in benchmark.scaledIterations {
      let output = try normalizer.normalize(validUTF8: text)
      // Sanity: the seeds' NBSPs (2 bytes) become spaces and nothing else changes length.
      precondition(output.bytes.count < text.count && output.bytes.count > text.count - text.count / 100)
      blackHole(output)
    }
  }

  // The figure is for already-clean NFC text: the seeds once normalized (no NBSP, one
  // tone style). ICU's UTF-16 NFC on the same bytes is the row to compare with.
  let clean = try! Normalizer().normalize(validUTF8: text).bytes

  Benchmark("ICU unorm2_normalize NFC on already-clean text (UTF-16, conversion not timed)") { benchmark in
    let units = try ICUBaselines.utf16(clean)
    var output: [UInt16] = []
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { blackHole(try ICUBaselines.nfcUTF16(units, into: &output)) }
  }

  Benchmark("vitext normalize on already-clean text") { benchmark in
    let normalizer = Normalizer()
    for _ in benchmark.scaledIterations {
      let output = try normalizer.normalize(validUTF8: clean)
      precondition(output.bytes.count == clean.count, "clean text stays as it is")
      blackHole(output)
    }
  }

  Benchmark("vitext normalize NFD input (NFC + tones + clean-up)") { benchmark in
    let normalizer = Normalizer()
    for _ in benchmark.scaledIterations { blackHole(try normalizer.normalize(validUTF8: decomposed)) }
  }

  Benchmark("vitext normalize --fold all --lowercase") { benchmark in
    let normalizer = Normalizer(options: .searchFolded)
    for _ in benchmark.scaledIterations { blackHole(try normalizer.normalize(validUTF8: text)) }
  }

  Benchmark("Foundation folding(options: [.diacriticInsensitive, .caseInsensitive])") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(string.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil))
    }
  }

  Benchmark("Foundation precomposedStringWithCanonicalMapping (NFC)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(string.precomposedStringWithCanonicalMapping) }
  }
}
