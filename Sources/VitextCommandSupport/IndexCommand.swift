import ArgumentParser
import Foundation
import SearchCore
import VietDocuments
import VietEntities
@_spi(Internals) import VietSearch
import VietText

/// Where the index lives; the same default for every command that uses one.
package struct IndexLocation: ParsableArguments {
  /// The index `search`, `related` and `vitext-serve` use without `--index`: vitext's cache of
  /// `Corpus/`, relative to the working folder.
  package static let defaultPath = ".vitext/index"

  /// Makes the default index ready for `search` and `serve`: it is vitext's own cache of
  /// `Corpus/`, built on first use and built again when another version of vitext wrote it in
  /// another format. Does nothing without a `Corpus/` folder. A named index is never rebuilt
  /// unasked, so callers use this for the default path only.
  package static func prepareDefault() throws {
    guard FileManager.default.fileExists(atPath: "Corpus") else { return }
    let path = defaultPath
    if !FileManager.default.fileExists(atPath: path + "/" + Manifest.fileName) {
      note("no index yet: building \(path) from Corpus/ (once)")
    } else {
      do throws(IndexError) {
        _ = try IndexReader(directory: IndexDirectory(path: path), analyzer: SearchAnalyzer.name)
        return
      } catch  where error.code == .version {
        note("\(path) was written by another version of vitext: building it again from Corpus/")
      } catch {
        throw error
      }
    }
    try IndexCommand.ingest(
      try IndexCommand.SourceOptions.parse(["Corpus"]), into: path, replacing: true)
  }

  @Option(
    name: .customLong("index"),
    help: "Index folder, relative to the working folder unless absolute.")
  package var path: String = IndexLocation.defaultPath

  /// The default location; argument parsing sets `path` from `--index`.
  package init() {}
}

/// `vitext index build|add|remove|merge|check`: the index's writer commands.
package struct IndexCommand: ParsableCommand {
  /// The command's name, help and subcommands.
  package static let configuration = CommandConfiguration(
    commandName: "index",
    abstract: "Build, update and check a search index.",
    discussion: """
      An index is a folder of immutable segment files and a manifest naming the live ones. Every change is written to new files and made live by replacing the manifest in one atomic step, so a crash or kill at any moment leaves the last committed index intact. One process writes at a time (write.lock); searches never wait.

      Sources are text files (one document each), documents in other formats (.pdf, .docx, .doc, .html/.htm, scanned .png/.jpg/.tif: read as `vitext extract` reads them, the reader chosen by content), folders (searched for all of these and .jsonl/.jsonl.gz, hidden files and other names left out) and JSON Lines files with {"id", "title", "text"} a line, plain or gzip-compressed; FIFOs too (with --jsonl when they carry JSON Lines). Ids: a .txt file's path below the folder named without ".txt", any other document's path with its extension (a.pdf and a.docx stay two documents), a record's "id" (else file:line).

      Each document's own metadata is indexed and stored with it: number, type, issuer, place, issue date, summary and signer, from a record's members of those names ("issued" written YYYY-MM-DD; at the top level or in a "metadata" object, as `vitext extract --format jsonl` writes it), else read from the header of its text (--no-metadata: not read). Search with issued:, type:, issuer: and --sort date.

      Input is read completely or not at all: damaged or truncated gzip data, a JSON syntax error, a record without "text" or with an "issued" that is not a date, an empty "id" or a document over --max-document-mb stops the build with exit \(ExitStatus.dataError.rawValue) naming the file (and line) before anything is committed; --skip-bad-records skips such records instead, reporting each and counting them in the summary. A PDF, DOCX, DOC, HTML or image that cannot be read (damaged, no text, a program it needs missing) is reported with its reason and skipped, the others are indexed and committed, and the build then exits \(ExitStatus.dataError.rawValue) (\(ExitStatus.unavailable.rawValue) when a program is missing) so the gap is not missed; with --skip-bad-records it exits 0.

      Examples:
        vitext index build Corpus/
        vitext index build --index reports.idx reports/   # PDF, DOCX, HTML and text
        vitext index add --index reports.idx new-reports/
        vitext index remove --index reports.idx 2024-11-03-bao-cao
        vitext index check --index reports.idx
      """,
    subcommands: [Build.self, Add.self, Remove.self, Merge.self, Check.self])

  /// The command with no options set (argument parsing fills them in).
  package init() {}

  /// Options shared by build and add.
  struct SourceOptions: ParsableArguments {
    @Argument(help: "Text files, folders, .jsonl or .jsonl.gz files.")
    var sources: [String]

    @Flag(help: "Leave out entity filters (cites:, official:, unit:): faster, text search only.")
    var noEntities = false

    @Flag(
      help:
        "Do not read metadata (issued:, type:, issuer:) from the headers of texts that come without it; a record's own metadata members are still kept."
    )
    var noMetadata = false

    @Option(
      help:
        "Memory for buffered postings before a segment is written, in MiB (also the most a build merges its segments in)."
    )
    var memoryMB = 256

    @Flag(help: "Replace invalid UTF-8 with U+FFFD instead of failing.")
    var lossy = false

    @Option(
      help: ArgumentHelp(
        "The largest document (a JSON Lines record or a text file) read, in MiB.",
        discussion:
          "A larger one is an error (exit \(ExitStatus.dataError.rawValue)) naming it, or skipped and reported with --skip-bad-records. A long document is held about once while it is indexed (a 100 MB one peaks near 165 MB in all), so the limit bounds memory."
      ))
    var maxDocumentMB = 128

    @Flag(
      help:
        "Skip bad records (JSON syntax errors, no \"text\", empty \"id\", a bad \"issued\", invalid UTF-8, over --max-document-mb) instead of failing, and exit 0 after skipping unreadable documents; each is reported on stderr and counted in the summary."
    )
    var skipBadRecords = false

    @Flag(
      help:
        "Read every source as JSON Lines whatever its name (for pipes and FIFOs: <(zcat docs.jsonl.gz))."
    )
    var jsonl = false

    var policy: JSONLinesDocuments.Policy {
      JSONLinesDocuments.Policy(
        maxDocumentBytes: max(1, maxDocumentMB) << 20, skipBadRecords: skipBadRecords, lossy: lossy,
        rejectEmptyID: true)
    }
  }

  struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Index the sources, replacing what the index held (one commit).")
    @OptionGroup var location: IndexLocation
    @OptionGroup var options: SourceOptions

    func run() throws {
      try reportingErrors { try IndexCommand.ingest(options, into: location.path, replacing: true) }
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add documents (a document with an id already indexed replaces it).")
    @OptionGroup var location: IndexLocation
    @OptionGroup var options: SourceOptions

    func run() throws {
      try reportingErrors {
        try IndexCommand.ingest(options, into: location.path, replacing: false)
      }
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove documents by id.")
    @OptionGroup var location: IndexLocation
    @Argument(help: "Document ids.") var ids: [String]

    func run() throws {
      try reportingErrors {
        let writer = try SearchIndexWriter(path: location.path, create: false, tagger: nil)
        var missing: [String] = []
        for id in ids where !writer.remove(id: id) { missing.append(id) }
        try writer.commit()
        note("removed " + JSONLines.count(ids.count - missing.count, "document"))
        if !missing.isEmpty {
          throw CLIError.notFound(
            "no document with id " + missing.map { "'\($0)'" }.joined(separator: ", "))
        }
      }
    }
  }

  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Merge all segments into one, dropping removed documents (faster searches, smaller index).",
      discussion:
        "The merged segment is assembled in memory: it needs about as much memory as the index takes on disk."
    )
    @OptionGroup var location: IndexLocation

    func run() throws {
      try reportingErrors {
        let writer = try SearchIndexWriter(path: location.path, create: false, tagger: nil)
        let before = writer.writer.manifest.segments.count
        try writer.mergeAll()
        note(
          "merged " + JSONLines.count(before, "segment")
            + " into \(writer.writer.manifest.segments.count)")
      }
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Verify every file of the index against its checksums.",
      discussion:
        "Exit status 0 when the index is sound; \(ExitStatus.dataError.rawValue) with the damage listed when not. A damaged index is repaired by building it again from its sources (vitext index build); the damaged files are never used for results."
    )
    @OptionGroup var location: IndexLocation

    func run() throws {
      try reportingErrors {
        let reader = try IndexReader(
          directory: IndexDirectory(path: location.path), analyzer: SearchAnalyzer.name)
        var damage = reader.verify()
        // The table of abbreviations the documents define, beside the segments (absent in an
        // index built before vitext kept one).
        var table = "none"
        do throws(IndexError) {
          if let defined = try DefinedAbbreviations.read(from: reader.directory) {
            table = JSONLines.count(defined.documents.count, "definition") + "  ok"
          }
        } catch {
          damage.append(error)
          table = "DAMAGED"
        }
        let out = OutputWriter()
        defer { out.flush() }
        out.write(
          "index \(location.path): generation \(reader.manifest.generation), "
            + JSONLines.count(reader.documentCount, "document") + ", "
            + JSONLines.count(reader.segments.count, "segment") + "\n")
        for segment in reader.segments {
          let sound = !damage.contains { $0.path.hasSuffix(segment.reader.name) }
          out.write(
            "  \(segment.reader.name)  " + JSONLines.count(segment.reader.documentCount, "document")
              + ", \(segment.deletions.count) removed, \(formatBytes(segment.reader.fileSize))  \(sound ? "ok" : "DAMAGED")\n"
          )
        }
        out.write("  \(DefinedAbbreviations.fileName)  \(table)\n")
        guard damage.isEmpty else {
          throw IndexError(
            .corrupt, path: location.path,
            "damaged: " + damage.map(\.description).joined(separator: "; "))
        }
        out.write("ok: every checksum matches\n")
      }
    }
  }

  /// Indexes `options.sources` into the index at `path` and commits once at the end.
  static func ingest(_ options: SourceOptions, into path: String, replacing: Bool) throws {
    let tagger = options.noEntities ? nil : try EntityTagger.bundled()
    let writer = try SearchIndexWriter(path: path, create: true, tagger: tagger)
    writer.writer.flushThreshold = max(1, options.memoryMB) << 20
    if replacing { writer.removeAll() }
    let stream = CorpusReader(
      paths: options.sources, policy: options.policy, allJSONL: options.jsonl,
      readsHeaders: !options.noMetadata)
    stream.onSkip = reportSkipped
    stream.onUnreadable = { note("skipped unreadable: \($0)") }
    let progress = Progress()
    let documents: Int
    do {
      documents = try PipelinedIngest.run(
        stream: stream, into: writer,
        filed: { documents, bytesRead in progress.update(documents: documents, bytes: bytesRead) })
    } catch var error as InvalidUTF8Error {
      error.hint = JSONLines.invalidUTF8Hint
      throw error
    }
    progress.finish()
    var skipped =
      stream.skipped == 0
      ? "" : "; skipped " + JSONLines.count(stream.skipped, "bad record") + " (reported above)"
    if !stream.unreadable.isEmpty {
      skipped +=
        "; skipped " + JSONLines.count(stream.unreadable.count, "unreadable document")
        + " (reported above)"
    }
    if documents == 0 {
      throw CLIError.unreadable(
        path: options.sources.joined(separator: " "),
        reason: "no documents found\(skipped); nothing was changed")
    }
    try writer.commit()
    // One segment searches fastest, but merging holds the merged segment in memory: merge only
    // what fits in the memory the build was given (`--memory-mb`); a larger index keeps its
    // segments (searches read them all) and `vitext index merge` can be run where memory allows.
    let indexBytes = writer.writer.manifest.segments.reduce(0) { $0 + $1.bytes }
    if replacing && writer.writer.manifest.segments.count > 1
      && indexBytes <= writer.writer.flushThreshold
    {
      try writer.mergeAll()
    }
    let seconds = progress.elapsed
    let size = writer.writer.manifest.segments.reduce(0) { $0 + $1.bytes }
    let total = writer.writer.manifest.documentCount
    note(
      "indexed " + JSONLines.count(documents, "document")
        + ", \(formatBytes(stream.bytesRead)) in \(String(format: "%.1f", seconds)) s (\(formatBytes(Int(Double(stream.bytesRead) / max(seconds, 0.001))))/s); "
        + "index " + JSONLines.count(total, "document") + ", \(formatBytes(size)) in "
        + JSONLines.count(writer.writer.manifest.segments.count, "segment") + skipped)
    // Committed, but a document the user asked for is missing from the index: say so in the
    // exit status too, unless asked to skip.
    if let first = stream.unreadable.first, !options.skipBadRecords {
      let status: ExitStatus =
        stream.unreadable.contains { $0.code == .missingProgram } ? .unavailable : .dataError
      note(
        "\(JSONLines.count(stream.unreadable.count, "document")) could not be read (the first: \(first.source)); the others are indexed. Use --skip-bad-records to exit 0 after skipping them"
      )
      throw ExitCode(status)
    }
  }
}

/// Prints to stderr with the program's name.
package func note(_ message: String) {
  FileHandle.standardError.write(Data("\(programName): \(message)\n".utf8))
}

/// A byte count for people: "1.9 MB", "14.8 kB", "512 B" (decimal units, as the summaries print).
package func formatBytes(_ bytes: Int) -> String {
  let value = Double(bytes)
  if value >= 1e9 { return String(format: "%.2f GB", value / 1e9) }
  if value >= 1e6 { return String(format: "%.1f MB", value / 1e6) }
  if value >= 1e3 { return String(format: "%.1f kB", value / 1e3) }
  return "\(bytes) B"
}

/// A one-line progress report on a terminal (nothing when stderr is a file or pipe).
package final class Progress {
  private let started = Date()
  private var lastShown = Date.distantPast
  private let isTerminal = isatty(2) != 0

  /// Seconds since the progress began.
  package var elapsed: Double { Date().timeIntervalSince(started) }

  /// Shows the counts so far and the rate, at most five times a second.
  package func update(documents: Int, bytes: Int) {
    guard isTerminal else { return }
    let now = Date()
    guard now.timeIntervalSince(lastShown) >= 0.2 else { return }
    lastShown = now
    let rate = Double(bytes) / max(elapsed, 0.001)
    let line =
      "\r\u{1B}[K  " + JSONLines.count(documents, "document")
      + "  \(formatBytes(bytes))  \(formatBytes(Int(rate)))/s"
    FileHandle.standardError.write(Data(line.utf8))
  }

  /// Clears the progress line, so the summary that follows starts on a clean line.
  package func finish() {
    if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}
