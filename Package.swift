// swift-tools-version:6.1
import PackageDescription

// Data flows one way: bytes → VietNormalization → VietTokenization → {VietSegmentation,
// VietEntities} → VietSearch (over the language-agnostic SearchCore) → {VietService, the `vitext`
// CLI}. ICU is reached only through `CICUShims`, whose header uses plain stdint types, so no Swift
// file ever sees ICU's versioned symbols or its UErrorCode (which clashes with the copy of ICU
// that Foundation bundles).
let package = Package(
  name: "vitext",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "vitext", targets: ["vitext"]),
    .library(name: "VietText", targets: ["VietText"]),
    .library(name: "VietICU", targets: ["VietICU"]),
    .library(name: "VietNormalization", targets: ["VietNormalization"]),
    .library(name: "VietTokenization", targets: ["VietTokenization"]),
    .library(name: "VietSegmentation", targets: ["VietSegmentation"]),
    .library(name: "VietEntities", targets: ["VietEntities"]),
    .library(name: "SearchCore", targets: ["SearchCore"]),
    .library(name: "VietSearch", targets: ["VietSearch"]),
    .library(name: "VietService", targets: ["VietService"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CICU",
      pkgConfig: "icu-i18n",
      providers: [.apt(["libicu-dev", "pkg-config"])]),
    .target(name: "CICUShims", dependencies: ["CICU"]),
    // zlib, only to read gzip-compressed corpora (the bundled Corpus/gov sample).
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
    // One call to glibc's mallopt for the long-running commands (see its header).
    .target(name: "CAllocatorTuning"),
    // The normalizer's 64-byte classification, where Swift's SIMD types lack a movemask.
    .target(name: "CByteScan"),
    .target(name: "VietICU", dependencies: ["CICUShims"]),
    .target(name: "VietText"),
    .target(
      name: "VietNormalization",
      dependencies: ["VietText", "VietICU", "CByteScan"],
      resources: [.copy("Resources")]),
    .target(
      name: "VietTokenization",
      dependencies: ["VietText", "VietICU", "VietNormalization"],
      resources: [.copy("Resources")]),
    .target(
      name: "VietSegmentation",
      dependencies: ["VietText", "VietICU", "VietNormalization", "VietTokenization"],
      resources: [.copy("Resources")]),
    .target(
      name: "VietEntities",
      dependencies: ["VietText", "VietICU", "VietNormalization", "VietTokenization"],
      exclude: ["Resources/make-admin-units.py", "Resources/make-law-names.py"],
      resources: [.copy("Resources")]),
    // Language-agnostic: term keys in, ranked documents out; no ICU, no Foundation beyond
    // FoundationEssentials (for the manifest's JSON).
    .target(name: "SearchCore", exclude: ["FORMAT.md"]),
    .target(
      name: "VietSearch",
      dependencies: [
        "SearchCore", "VietText", "VietICU", "VietNormalization", "VietTokenization", "VietSegmentation", "VietEntities",
      ]),
    // The web service: HTTP API and server-rendered pages over a search index.
    .target(
      name: "VietService",
      dependencies: [
        "VietSearch", "SearchCore", "VietEntities", "VietSegmentation", "VietTokenization", "VietNormalization", "VietText",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      resources: [.copy("Templates")]),
    .executableTarget(
      name: "vitext",
      dependencies: [
        "VietText", "VietNormalization", "VietTokenization", "VietSegmentation", "VietEntities",
        "SearchCore", "VietSearch", "VietService", "CZlib", "CAllocatorTuning",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      resources: [.copy("Resources/bench_peer.py")]),
    .target(name: "VietTestSupport", path: "Tests/VietTestSupport"),
    .testTarget(
      name: "VietNormalizationTests",
      dependencies: ["VietNormalization", "VietICU", "VietTestSupport"],
      // Read by path (TestData.packageRoot), from the CLI tests too.
      exclude: ["Fixtures"]),
    .testTarget(
      name: "VietTokenizationTests",
      dependencies: ["VietTokenization", "VietNormalization", "VietTestSupport"]),
    .testTarget(
      name: "VietSegmentationTests",
      dependencies: ["VietSegmentation", "VietTokenization", "VietNormalization", "VietTestSupport"]),
    .testTarget(
      name: "VietEntitiesTests",
      dependencies: ["VietEntities", "VietICU", "VietTestSupport"]),
    .testTarget(
      name: "VietSearchTests",
      dependencies: ["VietSearch", "SearchCore", "VietEntities", "VietTestSupport"]),
    .testTarget(
      name: "VietServiceTests",
      dependencies: [
        "VietService", "VietSearch", "VietEntities", "VietTestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]),
    .testTarget(
      name: "VitextCLITests",
      dependencies: ["VietTestSupport", "VietSegmentation", "CAllocatorTuning"]),
  ]
)

// libFuzzer targets, one per parser of outside bytes (`.ci/fuzz`; README.md, "Fuzzing"). Declared
// only when VITEXT_FUZZ=1, so `swift build` and `swift test` never compile or link them; they
// are built with `-sanitize=fuzzer` and hand their `main` to libFuzzer (`CFuzzerDriver`).
// The JSON Lines reader lives in the `vitext` executable target, which no other target can
// link, so `.ci/fuzz` compiles that target with swiftc directly.
if Context.environment["VITEXT_FUZZ"] == "1" {
  package.targets += [
    .target(name: "CFuzzerDriver", path: "Tests/Fuzz/CFuzzerDriver"),
    .executableTarget(name: "FuzzQueryParser", dependencies: ["CFuzzerDriver", "VietSearch"], path: "Tests/Fuzz/FuzzQueryParser"),
    .executableTarget(
      name: "FuzzNormalizer", dependencies: ["CFuzzerDriver", "VietNormalization", "VietText"], path: "Tests/Fuzz/FuzzNormalizer"),
    .executableTarget(
      name: "FuzzLegacyDecoder", dependencies: ["CFuzzerDriver", "VietNormalization", "VietText"], path: "Tests/Fuzz/FuzzLegacyDecoder"),
    .executableTarget(
      name: "FuzzSegmentReader", dependencies: ["CFuzzerDriver", "VietSearch", "SearchCore"], path: "Tests/Fuzz/FuzzSegmentReader"),
  ]
}
