import ArgumentParser
import Foundation
import VietNormalization

/// Where input comes from and how to read its bytes; shared by every subcommand.
struct InputOptions: ParsableArguments {
  @Argument(help: "Input files (UTF-8). Standard input when none is named.")
  var files: [String] = []

  @Option(
    help: ArgumentHelp(
      "Source encoding: unicode, tcvn3, vni, or auto (detect, and say what was detected on stderr).",
      discussion:
        "tcvn3 and vni also accept such text already mangled into UTF-8 through Windows-1252."))
  var from: SourceChoice = .unicode

  @Flag(help: "Replace invalid UTF-8 with U+FFFD instead of failing.")
  var lossy = false

  /// The named files, or standard input.
  var sources: [InputSource] { files.isEmpty ? [.standardInput] : files.map { .file($0) } }

  /// A reader for one source with these options; what `--from auto` detects is said on stderr.
  func reader(for source: InputSource) -> InputReader {
    InputReader(source: source, choice: from, lossy: lossy) { detected in
      FileHandle.standardError.write(
        Data("vitext: \(source.name): detected \(detected.summary)\n".utf8))
    }
  }
}

enum SourceChoice: String, ExpressibleByArgument, CaseIterable {
  case unicode, tcvn3, vni, auto
}

/// The normalization flags shared by `normalize` and `tokenize`.
struct ToneOptions: ParsableArguments {
  @Option(help: "Tone-mark placement: old (hòa, thủy), new (hoà, thuỷ), or keep.")
  var toneStyle: ToneStyle = .old
}

extension ToneStyle: ExpressibleByArgument {}
extension FoldLevel: ExpressibleByArgument {}
extension NormalizationOptions.FormChoice: ExpressibleByArgument {}
