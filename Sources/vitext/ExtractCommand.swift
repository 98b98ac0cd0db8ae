import ArgumentParser
import Foundation
import VietDocuments
import VitextCommandSupport

/// `vitext extract`: argument handling only; the reading is `VietDocuments.DocumentExtractor`.
struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract:
      "Read PDF, DOCX, DOC, HTML, scanned pages or text into Vietnamese text and header metadata.",
    discussion: """
      The reader is chosen by each file's content, not its name. PDF needs poppler-utils, DOC needs antiword, scanned pages need tesseract-ocr and tesseract-ocr-vie; DOCX, HTML and text need nothing more.

      --format jsonl writes one object a line: {"id", "title", "text", "metadata": {"number", "type", "issuer", "place", "issued", "summary", "signer", …}, "pages", "source", "format"}, which `vitext index build` reads as it reads any JSONL corpus. "pages" holds the code-point offsets into "text" where each page starts.

      Files that cannot be read are reported on standard error, one line each, and the others are still extracted; the exit code is then \(ExitStatus.noInput.rawValue) for a missing or unreadable file, \(ExitStatus.dataError.rawValue) for one that is damaged or holds no text, \(ExitStatus.unavailable.rawValue) when a program the format needs is not installed (the message names the Debian package).

      Examples:
        vitext extract Tests/VietDocumentsTests/Fixtures/seed-report.docx
        vitext extract --format jsonl reports/*.pdf > reports.jsonl
      """)

  @Argument(help: "Documents to read.")
  var files: [String]

  @Option(
    help: "Output: text (the documents' text) or jsonl (one record a document, with metadata).")
  var format: ExtractFormat = .text

  @Option(help: "Resolution for OCR of scanned PDF pages, in dots per inch.")
  var ocrDPI: Int = 300

  enum ExtractFormat: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl
  }

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("name at least one file to extract") }
    guard (72...1200).contains(ocrDPI) else {
      throw ValidationError("--ocr-dpi must be between 72 and 1200")
    }
  }

  func run() throws {
    let extractor = DocumentExtractor(ocrResolution: ocrDPI)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let out = FileHandle.standardOutput
    var worst: ExitStatus?
    for (index, path) in files.enumerated() {
      do {
        let document = try extractor.read(contentsOf: path)
        switch format {
        case .text:
          if index > 0 { out.write(Data("\u{0C}\n".utf8)) }
          out.write(Data((document.text + "\n").utf8))
        case .jsonl:
          var line = try encoder.encode(document)
          line.append(0x0A)
          out.write(line)
        }
      } catch let error as DocumentReadError {
        FileHandle.standardError.write(Data("vitext: \(error.description)\n".utf8))
        let status = ExitStatus(error)
        if status.rawValue > worst?.rawValue ?? 0 { worst = status }
      }
    }
    if let worst { throw ExitCode(worst) }
  }
}
