import Benchmark
import BenchmarkCorpus
import VietICU
import VietNormalization
import VietSegmentation
import VietText
import VietTokenization

/// Word segmentation on UD VTB dev text (repeated to 9 MB) and on 9 MB of the gov corpus: the
/// segmenter alone (given tokens), the whole chain from bytes, and loading the model, with
/// ICU's word-break iterator on the same text as the same-run reference.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .peakMemoryResident],
    maxDuration: .seconds(10), maxIterations: 10)

  Benchmark("segmenter load (model + lexicons)") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try WordSegmenter.loadBundled()) }
  }

  for (name, raw) in [("UD dev ×N", BenchmarkCorpus.udDevRepeated), ("gov 9 MB", BenchmarkCorpus.gov9MB)] {
    let text = try! Normalizer().normalize(validUTF8: raw).bytes
    let tokenized = try! Tokenizer().tokenize(text)
    let syllables = tokenized.tokens.count { $0.kind == .syllable }
    print("\(name): \(text.count) bytes, \(tokenized.tokens.count) tokens, \(syllables) syllables, \(tokenized.sentences.count) sentences")
    let segmenter = try! WordSegmenter.bundled()

    Benchmark("ICU word break iterator, \(name)") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(try ICUBaselines.countBoundaries(.word, in: text)) }
    }

    Benchmark("vitext segment (words from tokens), \(name)") { benchmark in
      for _ in benchmark.scaledIterations {
        let words = segmenter.words(in: text, tokens: tokenized.tokens, sentences: tokenized.sentences)
        precondition(words.count < tokenized.tokens.count * 9 / 10, "a segmenter that joins nothing is not a fast one")
        blackHole(words)
      }
    }

    Benchmark("vitext normalize + tokenize + segment, \(name)") { benchmark in
      let normalizer = Normalizer()
      let tokenizer = Tokenizer()
      for _ in benchmark.scaledIterations {
        let normalized = try normalizer.normalize(validUTF8: raw).bytes
        let result = try tokenizer.tokenize(normalized)
        blackHole(segmenter.words(in: normalized, tokens: result.tokens, sentences: result.sentences))
      }
    }
  }
}
