import Benchmark
import BenchmarkCorpus
import VietEntities
import VietICU
import VietNormalization
import VietText
import VietTokenization

/// The entity tagger on 9 MB of the gov corpus: the tagger alone (given normalized text and
/// tokens), the whole chain from bytes, and loading the tables; ICU's word-break iterator on the
/// same text is the same-run reference.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .peakMemoryResident],
    maxDuration: .seconds(10), maxIterations: 10)

  Benchmark("entity tables load") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try EntityTagger(lexicon: EntityLexicon.load())) }
  }

  let raw = BenchmarkCorpus.gov9MB
  let text = try! Normalizer(options: NormalizationOptions(toneStyle: .keep)).normalize(validUTF8: raw).bytes
  let tokens = text.withUnsafeBufferPointer { Tokenizer().tokens(in: $0) }
  let tagger = try! EntityTagger.bundled()
  let found = tagger.entities(inNormalized: text, tokens: tokens)
  print("gov 9 MB: \(text.count) bytes, \(tokens.count) tokens, \(found.count) entities")

  Benchmark("ICU word break iterator, gov 9 MB") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try ICUBaselines.countBoundaries(.word, in: text)) }
  }

  Benchmark("vitext entities (from tokens), gov 9 MB") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(tagger.entities(inNormalized: text, tokens: tokens)) }
  }

  Benchmark("vitext normalize + tokenize + entities, gov 9 MB") { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try tagger.entities(inUTF8: raw)) }
  }
}
