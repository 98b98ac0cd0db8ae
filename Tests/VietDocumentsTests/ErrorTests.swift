import Foundation
import Testing

@testable import VietDocuments

@Suite struct ErrorTests {
  @Test func missingFileIsMissing() {
    #expect { try DocumentExtractor().read(contentsOf: "/nonexistent/bao-cao.pdf") } throws: {
      ($0 as? DocumentReadError)?.code == .missing
    }
  }

  @Test func binaryNoReaderHandlesIsUnreadable() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-binary-\(UUID().uuidString).bin"
    ).path
    FileManager.default.createFile(
      atPath: path, contents: Data([0x7F, 0x45, 0x4C, 0x46, 0, 1, 2, 0, 0]))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect { try DocumentExtractor().read(contentsOf: path) } throws: {
      ($0 as? DocumentReadError)?.code == .unreadable
    }
  }

  @Test func damagedWordFileIsUnreadable() throws {
    // A ZIP header that says Word, then nothing: ZIPFoundation finds no central directory.
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vitext-damaged-\(UUID().uuidString).docx"
    ).path
    FileManager.default.createFile(
      atPath: path, contents: Data([0x50, 0x4B, 0x03, 0x04] + Array("word/document.xml".utf8)))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect { try DocumentExtractor().read(contentsOf: path) } throws: {
      ($0 as? DocumentReadError)?.code == .unreadable
    }
  }

  @Test func missingProgramNamesItsPackage() {
    let program = ExternalProgram(
      name: "vitext-no-such-program", debianPackage: "vitext-test-package")
    do {
      _ = try program.run([], for: "bao-cao.pdf")
      Issue.record("a missing program ran")
    } catch let error as DocumentReadError {
      #expect(error.code == .missingProgram)
      #expect(error.description.contains("apt-get install vitext-test-package"))
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func runawayProgramIsStoppedAtItsLimits() throws {
    let yes = ExternalProgram(name: "yes", debianPackage: "coreutils")
    guard yes.executablePath != nil else { return }
    #expect {
      try yes.run(["Việt"], for: "x", limits: ProgramLimits(timeout: 30, maxOutputBytes: 1 << 20))
    } throws: {
      ($0 as? DocumentReadError)?.code == .programLimit
    }
    let sleep = ExternalProgram(name: "sleep", debianPackage: "coreutils")
    #expect {
      try sleep.run(["30"], for: "x", limits: ProgramLimits(timeout: 0.5, maxOutputBytes: 1 << 20))
    } throws: {
      ($0 as? DocumentReadError)?.code == .programLimit
    }
  }
}
