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
    // `import Vitext`: the modules of the pipeline in one (Sources/Vitext/Vitext.swift).
    .library(name: "Vitext", targets: ["Vitext"]),
    .executable(name: "vitext", targets: ["VitextCLI"]),
    // The web service apart from `vitext`, so searching from a fresh clone never builds
    // Hummingbird and SwiftNIO (README, "Search page and API").
    .executable(name: "vitext-serve", targets: ["vitext-serve"]),
    // What benchmark harnesses run (search_anchor_bench.py's engine protocol), kept out of the
    // shipped `vitext` (Benchmarks/README.md).
    .executable(name: "vitext-bench", targets: ["vitext-bench"]),
    .library(name: "VietText", targets: ["VietText"]),
    .library(name: "VietICU", targets: ["VietICU"]),
    .library(name: "VietNormalization", targets: ["VietNormalization"]),
    .library(name: "VietTokenization", targets: ["VietTokenization"]),
    .library(name: "VietSegmentation", targets: ["VietSegmentation"]),
    .library(name: "VietEntities", targets: ["VietEntities"]),
    .library(name: "VietDocuments", targets: ["VietDocuments"]),
    .library(name: "SearchCore", targets: ["SearchCore"]),
    .library(name: "VietSearch", targets: ["VietSearch"]),
    .library(name: "VietResponses", targets: ["VietResponses"]),
    .library(name: "VietService", targets: ["VietService"]),
    .library(name: "VietExport", targets: ["VietExport"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    // Already in the graph through hummingbird; named so the service's connection guard can
    // be a channel handler (NIOCore) that reads HTTP parts (NIOHTTPTypes), and its middleware
    // can name headers HTTPTypes has (HTTPTypes).
    .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
    .package(url: "https://github.com/apple/swift-nio-extras", from: "1.24.0"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    // DOCX files are ZIP archives; ZIPFoundation reads them without shelling out to unzip.
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    // `swift package generate-documentation` (the DocC catalogs of Vitext, VietSearch and
    // SearchCore); a plugin only, nothing of it is linked.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CICU",
      pkgConfig: "icu-i18n",
      providers: [.apt(["libicu-dev", "pkg-config"])]),
    .target(name: "CICUShims", dependencies: ["CICU"]),
    // zlib, only to read gzip-compressed corpora (the bundled Corpus/gov sample). Not named
    // `CZlib`: ZIPFoundation (DOCX) ships a module of that name, and two clash.
    .systemLibrary(name: "CGzip", providers: [.apt(["zlib1g-dev"])]),
    // One call to glibc's mallopt for the long-running commands (see its header).
    .target(name: "CAllocatorTuning"),
    // The normalizer's 64-byte classification, where Swift's SIMD types lack a movemask.
    .target(name: "CByteScan"),
    // libxml2's tree and HTML parsers, for DOCX's document.xml and for web pages. Like ICU it is
    // reached only through a shim whose header is plain C (Debian's libxml2 headers include ICU's).
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]),
    .target(name: "CXMLShims", dependencies: ["CLibXML2"]),
    .target(name: "VietICU", dependencies: ["CICUShims"]),
    .target(name: "VietText"),
    // Reading documents in: JSON Lines records, plain or gzip-compressed, in bounded memory.
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
        "SearchCore", "VietText", "VietICU", "VietNormalization", "VietTokenization",
        "VietSegmentation", "VietEntities",
        // A document's own metadata (`DocumentMetadata`) is indexed and stored with it.
        "VietDocuments",
      ],
      // abbreviations.tsv: abbreviations and their expansions, matched both ways.
      resources: [.copy("Resources")]),
    // vitext's analysis written out for other engines (Spark, OpenSearch, Elasticsearch).
    .target(
      name: "VietExport",
      dependencies: [
        "VietSearch", "VietEntities", "VietSegmentation", "VietTokenization", "VietNormalization",
        "VietText", "VietDocuments",
      ]),
    // Documents as they arrive (PDF, DOCX, DOC, HTML, scans, text) → one `Document` with its text,
    // page starts and header metadata. External programs (poppler, antiword, tesseract) are
    // optional at run time; a missing one is a clear error naming its Debian package.
    .target(
      name: "VietDocuments",
      dependencies: [
        "VietText", "VietNormalization", "VietEntities", "CXMLShims", "CGzip",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]),
    // What `vitext … --format json` prints and the HTTP API sends: one set of Codable replies and
    // the encoder that writes them (members in declared order, slashes unescaped).
    .target(name: "VietResponses", dependencies: ["VietSearch", "VietEntities", "VietDocuments"]),
    // The web service: HTTP API and server-rendered pages over a search index.
    .target(
      name: "VietService",
      dependencies: [
        "VietSearch", "VietResponses", "SearchCore", "VietEntities", "VietSegmentation",
        "VietTokenization", "VietNormalization",
        "VietText", "VietDocuments",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ],
      resources: [.copy("Templates")]),
    // What the executables share: exit statuses and error reporting, standard output, the
    // default index (`.vitext/index`, built from Corpus/ on first use) and the pipelined ingest.
    .target(
      name: "VitextCommandSupport",
      dependencies: [
        "VietText", "VietICU", "VietNormalization", "VietEntities", "SearchCore", "VietSearch",
        "VietDocuments",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .target(
      name: "Vitext",
      dependencies: [
        "SearchCore", "VietDocuments", "VietEntities", "VietICU", "VietNormalization", "VietSearch",
        "VietSegmentation", "VietText",
        "VietTokenization",
      ]),
    // The `vitext` executable. The target is not named `vitext`: its module would clash with the
    // umbrella `Vitext` on a case-insensitive file system (macOS's default).
    .executableTarget(
      name: "VitextCLI",
      dependencies: [
        "VietText", "VietNormalization", "VietTokenization", "VietSegmentation", "VietEntities",
        "SearchCore", "VietSearch", "VietResponses", "VietExport", "VietDocuments",
        "VitextCommandSupport", "StageBenchmarks",
        "CGzip", "CAllocatorTuning",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/vitext"),
    // `vitext bench`: vitext's stages (and Python peers through bench_peer.py) timed and scored.
    .target(
      name: "StageBenchmarks",
      dependencies: [
        "VietText", "VietNormalization", "VietTokenization", "VietSegmentation", "VietEntities",
        "VietDocuments", "VitextCommandSupport",
      ],
      resources: [.copy("Resources/bench_peer.py")]),
    .executableTarget(
      name: "vitext-bench",
      dependencies: [
        "SearchCore", "VietSearch", "VietEntities", "VietDocuments", "VietResponses",
        "VitextCommandSupport", "CAllocatorTuning",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "vitext-serve",
      dependencies: [
        "VietService", "VietResponses", "VietSearch", "SearchCore", "VietEntities",
        "VitextCommandSupport", "CAllocatorTuning",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .target(name: "VietTestSupport", path: "Tests/VietTestSupport"),
    // The fuzz targets (one per parser of outside bytes), run by `FuzzReplayTests` and, under
    // libFuzzer, by `.ci/fuzz`.
    .target(
      name: "FuzzTargets",
      dependencies: ["VietSearch", "SearchCore", "VietDocuments", "VietNormalization", "VietText"],
      path: "Tests/Fuzz/FuzzTargets"),
    .testTarget(name: "FuzzReplayTests", dependencies: ["FuzzTargets", "VietTestSupport"]),
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
      dependencies: [
        "VietSegmentation", "VietTokenization", "VietNormalization", "VietTestSupport",
      ]),
    .testTarget(
      name: "VietEntitiesTests",
      dependencies: ["VietEntities", "VietICU", "VietTestSupport"]),
    .testTarget(
      name: "VietSearchTests",
      dependencies: [
        "VietSearch", "SearchCore", "VietEntities", "VietDocuments", "VietNormalization",
        "VietTokenization", "VietSegmentation",
        "VietTestSupport",
      ]),
    .testTarget(
      name: "VietServiceTests",
      dependencies: [
        "VietService", "VietResponses", "VietSearch", "VietEntities", "VietDocuments",
        "VietTestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ]),
    .testTarget(
      name: "VietExportTests",
      dependencies: [
        "VietExport", "VietSearch", "VietEntities", "VietSegmentation", "VietDocuments",
        "VietTestSupport",
      ]),
    .testTarget(
      name: "VietDocumentsTests",
      dependencies: ["VietDocuments", "VietTestSupport"],
      // Read by path (TestData.packageRoot); made by Fixtures/make-fixtures.sh.
      exclude: ["Fixtures"]),
    .testTarget(name: "VitextTests", dependencies: ["Vitext", "VietTestSupport"]),
    .testTarget(name: "SearchCoreTests", dependencies: ["SearchCore"]),
    .testTarget(
      name: "VitextCLITests",
      dependencies: ["VietTestSupport", "VietSegmentation", "CAllocatorTuning"]),
  ]
)

// libFuzzer build of the fuzz targets (`.ci/fuzz`; README.md, "Fuzzing"): one executable,
// declared only when VITEXT_FUZZ=1 so `swift build` and `swift test` never link libFuzzer; it is
// built with `-sanitize=fuzzer` and hands its `main` to libFuzzer (`CFuzzerDriver`). The targets
// themselves (`FuzzTargets`) are an ordinary library that `FuzzReplayTests` runs on every test.
if Context.environment["VITEXT_FUZZ"] == "1" {
  package.targets += [
    .target(name: "CFuzzerDriver", path: "Tests/Fuzz/CFuzzerDriver"),
    .executableTarget(
      name: "FuzzDriver", dependencies: ["CFuzzerDriver", "FuzzTargets"],
      path: "Tests/Fuzz/FuzzDriver"),
  ]
}
