// swift-tools-version:6.1
import PackageDescription

// A package of its own so that `swift test` at the root never builds package-benchmark (its
// first build takes minutes). Run: cd Benchmarks && swift package --disable-sandbox benchmark

/// A benchmark executable over the shared corpora and the vitext modules it measures.
func benchmarks(_ name: String, measuring modules: [String]) -> Target {
  .executableTarget(
    name: name,
    dependencies: ["BenchmarkCorpus", .product(name: "Benchmark", package: "benchmark")]
      + (modules + ["VietICU"]).map { .product(name: $0, package: "vitext") },
    path: "Benchmarks/\(name)",
    plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")])
}

let package = Package(
  name: "vitext-benchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "vitext", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    // SQLite FTS5, the search engine a Swift user would otherwise reach for (needs libsqlite3-dev).
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    .target(
      name: "BenchmarkCorpus", dependencies: [.product(name: "VietICU", package: "vitext")],
      path: "Benchmarks/BenchmarkCorpus"),
    benchmarks("NormalizationBenchmarks", measuring: ["VietNormalization"]),
    benchmarks("TokenizationBenchmarks", measuring: ["VietNormalization", "VietTokenization"]),
    benchmarks("SegmentationBenchmarks", measuring: ["VietNormalization", "VietTokenization", "VietSegmentation"]),
    benchmarks("EntityBenchmarks", measuring: ["VietNormalization", "VietTokenization", "VietEntities"]),
    benchmarks("PositionCodingBenchmarks", measuring: ["VietSearch"]),
    {
      var search = benchmarks("SearchBenchmarks", measuring: ["SearchCore", "VietSearch"])
      search.dependencies.append(.product(name: "GRDB", package: "GRDB.swift"))
      return search
    }(),
  ]
)
