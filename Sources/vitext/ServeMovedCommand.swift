import ArgumentParser
import Foundation
import VitextCommandSupport

/// `vitext serve` before the web service became its own program. Kept so that a script or a
/// habit that still types it learns the new command instead of "unknown subcommand"; it serves
/// nothing, because serving would pull the web stack (Hummingbird, SwiftNIO) back into `vitext`.
struct ServeMovedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Moved: the web service is the program vitext-serve (same options).",
    discussion: """
      Prints the vitext-serve command to run and exits \(ExitStatus.usage.rawValue). Examples:
        swift run -c release vitext-serve
        .build/release/vitext-serve --index reports.idx --port 9000
      """)

  @Argument(
    parsing: .allUnrecognized, help: "The options meant for the server, repeated in the message.")
  var arguments: [String] = []

  func run() throws {
    let command = (["vitext-serve"] + arguments).joined(separator: " ")
    note(
      "the web service is now its own program: run `\(command)` (`swift run -c release \(command)` from the source folder)"
    )
    throw ExitCode(ExitStatus.usage)
  }
}
