import Foundation

/// Paths and data shared by the test suites.
public enum TestData {
  /// The package root, found from this file's path so tests run from any directory.
  public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The bundled corpus (`Corpus/`).
  public static var corpus: URL { packageRoot.appendingPathComponent("Corpus") }

  /// The seed articles, sorted by name, as (name, UTF-8 bytes).
  public static func seeds() throws -> [(name: String, bytes: [UInt8])] {
    let folder = corpus.appendingPathComponent("seeds")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".txt")
    }.sorted()
    return try names.map { ($0, [UInt8](try Data(contentsOf: folder.appendingPathComponent($0)))) }
  }

  /// `../shared/` beside the project, or nil when it is absent (a user's fresh clone). Under
  /// `CI=true` its absence is a failure: CI always has it, and silently skipping there would
  /// hide a broken set-up.
  public static func shared(_ relativePath: String) throws -> URL? {
    let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
      .appendingPathComponent(relativePath)
    if FileManager.default.fileExists(atPath: url.path) { return url }
    if ProcessInfo.processInfo.environment["CI"] == "true" {
      throw MissingSharedData(path: url.path)
    }
    print(
      "note: skipping a check that needs \(url.path), which is absent (only the developers' machines and CI have ../shared)"
    )
    return nil
  }

  /// The `vitext` executable built next to the test bundle.
  public static var executable: URL {
    let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var folder = testBinary.deletingLastPathComponent()
    // On Linux the test binary is `<build>/debug/vitextPackageTests.xctest`; on macOS it sits
    // inside a bundle several levels deeper.
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("vitext").path),
      folder.pathComponents.count > 1
    {
      folder = folder.deletingLastPathComponent()
    }
    return folder.appendingPathComponent("vitext")
  }

  /// The `vitext-serve` executable (the web service), built beside `vitext`.
  public static var serveExecutable: URL {
    executable.deletingLastPathComponent().appendingPathComponent("vitext-serve")
  }

  /// The `vitext-bench` executable (benchmark harness protocols), built beside `vitext`.
  public static var benchExecutable: URL {
    executable.deletingLastPathComponent().appendingPathComponent("vitext-bench")
  }
}

public struct MissingSharedData: Error, CustomStringConvertible {
  public var path: String
  public var description: String {
    "CI=true but \(path) is missing: CI must run with ../shared beside the project"
  }
}

extension String {
  /// The UTF-8 bytes, for byte-exact comparisons: `String ==` treats NFC and NFD as equal, so a
  /// normalizer that did nothing would still pass a `String` comparison.
  public var bytes: [UInt8] { Array(utf8) }
}
