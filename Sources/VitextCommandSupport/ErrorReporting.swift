import ArgumentParser
import Foundation
import SearchCore
import VietDocuments
import VietICU
import VietSearch
import VietText

/// Runs a command body, turning failures into a message on stderr and the exit code that
/// scripts can test (the codes and which error gets which are in `ExitStatus`).
package func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as InvalidUTF8Error {
    throw failure(error.description, .dataError)
  } catch let error as CLIError {
    throw failure(error.description, ExitStatus(error))
  } catch let error as ICUError {
    throw failure(error.description, .software)
  } catch let error as TableFormatError {
    throw failure(error.description, .software)
  } catch let error as DocumentReadError {
    throw failure(error.description, ExitStatus(error))
  } catch let error as QuerySyntaxError {
    throw failure(error.description, .usage)
  } catch let error as IndexError {
    throw failure(error.description + commandHint(for: error), ExitStatus(error))
  }
}

/// The command that helps, after SearchCore's description of what is wrong with an index: the
/// core names no commands, since it does not know which program runs it.
package func commandHint(for error: IndexError) -> String {
  switch error.code {
  case .missing: "; build one with `vitext index build`"
  case .corrupt:
    "; rebuild the index with `vitext index build` (`vitext index check` lists the damage)"
  // The core's version messages end in "rebuild it" or "rebuild the index".
  case .version: " with `vitext index build`"
  default: ""
  }
}

/// Prints the message and gives the exit code to throw; output written so far is kept (the
/// commands flush it as the error unwinds).
private func failure(_ message: String, _ status: ExitStatus) -> ExitCode {
  FileHandle.standardError.write(Data("\(programName): \(message)\n".utf8))
  return ExitCode(status)
}

/// The name messages start with: the running executable's own (`vitext`, `vitext-serve`,
/// `vitext-bench`), so a message in a script's log says which program wrote it.
package let programName =
  CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "vitext"
