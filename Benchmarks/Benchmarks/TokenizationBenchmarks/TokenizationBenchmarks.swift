import Benchmark
import BenchmarkCorpus
import VietICU
import VietNormalization
import VietTokenization

/// tokenize (sentences + tokens with offsets and kinds) against ICU's break iterators over the
/// same UTF-8 text, in the same run.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
    maxDuration: .seconds(10), maxIterations: 20)

  let text = try! Normalizer().normalize(validUTF8: BenchmarkCorpus.seeds9MB).bytes

  Benchmark("ICU word break iterator (vi, UTF-8 UText)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try ICUBaselines.countBoundaries(.word, in: text)) }
  }

  Benchmark("ICU sentence break iterator (vi, UTF-8 UText)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try ICUBaselines.countBoundaries(.sentence, in: text)) }
  }

  Benchmark("vitext tokenize (sentences + tokens)") { benchmark in
    let tokenizer = Tokenizer()
    for _ in benchmark.scaledIterations {
      let result = try tokenizer.tokenize(text)
      precondition(result.tokens.count > 1_600_000 && result.sentences.count > 44_000, "a wrong tokenizer is not a fast one")
      blackHole(result)
    }
  }

  Benchmark("vitext tokens only (no sentence splitting)") { benchmark in
    let tokenizer = Tokenizer()
    for _ in benchmark.scaledIterations {
      blackHole(text.withUnsafeBufferPointer { tokenizer.tokens(in: $0) })
    }
  }
}
