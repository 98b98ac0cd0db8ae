// swift-tools-version:6.1
import PackageDescription

// A package of its own so that `swift test` at the root never builds package-benchmark (its
// first build takes minutes). Run: cd Benchmarks && swift package --disable-sandbox benchmark
let package = Package(
  name: "vitext-benchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "vitext", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .target(
      name: "BenchmarkCorpus", dependencies: [.product(name: "VietICU", package: "vitext")],
      path: "Benchmarks/BenchmarkCorpus"),
    .executableTarget(
      name: "NormalizationBenchmarks",
      dependencies: [
        "BenchmarkCorpus",
        .product(name: "VietNormalization", package: "vitext"),
        .product(name: "VietICU", package: "vitext"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/NormalizationBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    .executableTarget(
      name: "TokenizationBenchmarks",
      dependencies: [
        "BenchmarkCorpus",
        .product(name: "VietNormalization", package: "vitext"),
        .product(name: "VietTokenization", package: "vitext"),
        .product(name: "VietICU", package: "vitext"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/TokenizationBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    .executableTarget(
      name: "SegmentationBenchmarks",
      dependencies: [
        "BenchmarkCorpus",
        .product(name: "VietNormalization", package: "vitext"),
        .product(name: "VietTokenization", package: "vitext"),
        .product(name: "VietSegmentation", package: "vitext"),
        .product(name: "VietICU", package: "vitext"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/SegmentationBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    .executableTarget(
      name: "EntityBenchmarks",
      dependencies: [
        "BenchmarkCorpus",
        .product(name: "VietNormalization", package: "vitext"),
        .product(name: "VietTokenization", package: "vitext"),
        .product(name: "VietEntities", package: "vitext"),
        .product(name: "VietICU", package: "vitext"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/EntityBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
  ]
)
