import VietICU
import VietText

/// Tags a document of any size in bounded memory: the text is handed over in pieces and tagged
/// in windows of about `windowBytes`, each cut after a line break (else after a sentence's
/// full stop, else after a space) and read `overlapBytes` further, so an entity that crosses
/// a cut is found whole in the window where it starts. Offsets are code points into the NFC
/// form of the whole document, as `EntityTagger.entities(inUTF8:)` gives them.
///
///     var windows = EntityWindowTagger(tagger: try EntityTagger.bundled())
///     for piece in pieces { try windows.append(piece) { entities in write(entities) } }
///     try windows.finish { entities in write(entities) }
///
/// Memory is the window's, not the document's: tagging holds about 15 bytes per byte of text,
/// so `vitext entities` on one 50 MB line peaked at 782 MB tagged whole and 57 MB in windows
/// (release build, `/usr/bin/time -v`), with byte-identical output.
///
/// What a window cannot see: relations shared along a citation list and the learned layer's
/// context stop at a window's start (a cut falls at a line break when there is one, where
/// neither reaches across), and a short re-mention ("Đề án 11") resolves to the nearest earlier
/// full citation in the document, or to a later one only within its own window.
public struct EntityWindowTagger {
  /// The tagger each window goes through.
  public let tagger: EntityTagger
  /// Bytes of text a window commits to (entities starting in them are reported).
  public let windowBytes: Int
  /// Bytes read past the commit point, so entities crossing it are seen whole.
  public let overlapBytes: Int

  private var buffer: [UInt8] = []
  /// NFC code points of the text before `buffer`.
  private var codePointBase = 0
  /// Where the last reported entity ends (document code points): a window's entity that starts
  /// before it was already reported, whole, by the window before.
  private var reportedEnd = 0
  private var resolver = Resolver()

  /// A tagger over `tagger` (`windowBytes` at least 4 KiB; the defaults keep a window's
  /// working memory near 10 MB).
  public init(tagger: EntityTagger, windowBytes: Int = 512 << 10, overlapBytes: Int = 4 << 10) {
    self.tagger = tagger
    self.windowBytes = max(4 << 10, windowBytes)
    self.overlapBytes = max(256, overlapBytes)
  }

  /// Adds the next piece of the document (valid UTF-8; a piece may end anywhere, even inside
  /// a character), tagging every window that is complete.
  ///
  /// - Throws: `ICUError` if ICU fails to normalize; what `emit` throws.
  public mutating func append<Bytes: Collection<UInt8>>(
    _ piece: Bytes, emit: ([Entity]) throws -> Void
  ) throws {
    buffer.append(contentsOf: piece)
    while buffer.count >= windowBytes + 2 * overlapBytes {
      let commit = Self.cutPoint(in: buffer, near: windowBytes)
      let end = max(commit, Self.cutPoint(in: buffer, near: commit + overlapBytes))
      try emit(try tagWindow(commit: commit, end: end))
      buffer.removeFirst(commit)
    }
  }

  /// Tags what is left; the tagger is then ready for another document.
  public mutating func finish(emit: ([Entity]) throws -> Void) throws {
    if !buffer.isEmpty { try emit(try tagWindow(commit: buffer.count, end: buffer.count)) }
    self = EntityWindowTagger(tagger: tagger, windowBytes: windowBytes, overlapBytes: overlapBytes)
  }

  /// The entities that start in `buffer[..<commit]`, read with `buffer[commit..<end]` after it.
  private mutating func tagWindow(commit: Int, end: Int) throws(ICUError) -> [Entity] {
    // A cut after an ASCII byte is a normalization boundary, so NFC of the parts is NFC of the
    // whole and the committed part's code points count the document's.
    let committed = try ICU.normalize(buffer[..<commit], to: .nfc)
    let committedCodePoints = committed.withUnsafeBufferPointer(UTF8Scanning.codePointCount)
    var text = committed
    if end > commit { text += try ICU.normalize(buffer[commit..<end], to: .nfc) }
    let found = try tagger.entities(inNFC: text)
    var kept: [Entity] = []
    var localDecree = -1
    var pendingLocal: [(keptIndex: Int, localTarget: Int?)] = []
    var globalOfLocal: [Int: Int] = [:]
    var keptOfGlobal: [Int: Int] = [:]
    for var entity in found {
      if entity.label == .decree { localDecree += 1 }
      guard entity.start < committedCodePoints, entity.start + codePointBase >= reportedEnd else {
        continue
      }
      entity.start += codePointBase
      entity.end += codePointBase
      reportedEnd = max(reportedEnd, entity.end)
      if entity.label == .decree {
        globalOfLocal[localDecree] = resolver.count + pendingLocal.count
        keptOfGlobal[resolver.count + pendingLocal.count] = kept.count
        pendingLocal.append((kept.count, entity.decree?.resolvesTo))
      }
      kept.append(entity)
    }
    for (keptIndex, localTarget) in pendingLocal {
      guard case .decree(var citation) = kept[keptIndex].fields else { continue }
      let target = localTarget.flatMap { globalOfLocal[$0] }
      let targetSymbol = target.flatMap { keptOfGlobal[$0] }.flatMap { kept[$0].decree?.symbol }
      resolver.resolve(&citation, localTarget: target.map { ($0, targetSymbol) })
      kept[keptIndex].fields = .decree(citation)
    }
    codePointBase += committedCodePoints
    return kept
  }

  /// Where to cut `bytes` near `target`: after the last line break in the second half before
  /// it, else after ". ", else after a space, else at a code-point start that is no combining
  /// mark; never past the end.
  static func cutPoint(in bytes: [UInt8], near target: Int) -> Int {
    let limit = min(bytes.count, target)
    guard limit < bytes.count else { return bytes.count }
    let floor = limit / 2
    if let newline = bytes[floor..<limit].lastIndex(of: 0x0A) { return newline + 1 }
    var i = limit - 1
    while i > floor {
      if bytes[i] == 0x20 && bytes[i - 1] == 0x2E { return i + 1 }
      i -= 1
    }
    if let space = bytes[floor..<limit].lastIndex(where: { $0 == 0x20 || $0 == 0x09 }) {
      return space + 1
    }
    var cut = limit
    while cut > 1, bytes[cut] & 0xC0 == 0x80 || bytes[cut] == 0xCC || bytes[cut] == 0xCD {
      cut -= 1
    }
    return cut
  }

  /// `CitationResolver`'s rules, fed one citation at a time in document order.
  struct Resolver {
    /// Citations seen (their global index among DECREE entities is the count before them).
    var count = 0
    var firstBySymbol: [String: Int] = [:]
    var symbolOf: [Int: String?] = [:]
    /// The first full citations by type and number: (index, canonical symbol).
    var fullByTypeNumber: [String: [(Int, String)]] = [:]

    mutating func resolve(
      _ citation: inout DecreeCitation, localTarget: (index: Int, symbol: String?)?
    ) {
      let index = count
      count += 1
      citation.resolvesTo = nil
      citation.resolvedSymbol = nil
      let key = "\(citation.type ?? "")\u{0}\(citation.number ?? "")"
      if citation.reference == .full, let symbol = citation.canonicalSymbol {
        if let first = firstBySymbol[symbol] {
          citation.resolvesTo = first
          citation.resolvedSymbol = symbolOf[first] ?? nil
        } else {
          firstBySymbol[symbol] = index
          symbolOf[index] = citation.symbol
          fullByTypeNumber[key, default: []].append((index, symbol))
        }
      } else if citation.reference == .short {
        let candidates = fullByTypeNumber[key] ?? []
        if candidates.isEmpty {
          // No earlier full citation: a later one in the same window, as the tagger found it.
          if let localTarget {
            citation.resolvesTo = localTarget.index
            citation.resolvedSymbol = localTarget.symbol
          }
        } else if Set(candidates.map(\.1)).count == 1, let target = candidates.last {
          citation.resolvesTo = target.0
          citation.resolvedSymbol = symbolOf[target.0] ?? nil
        }
      }
    }
  }
}
