import VietICU
import VietNormalization
import VietText
import VietTokenization

/// Finds officials, units, citations and dates in Vietnamese text.
///
///     let tagger = try EntityTagger.bundled()
///     for entity in try tagger.entities(in: "Đề án số 11-ĐA/TU, ngày 06/12/2021 của Ban Thường vụ Thành ủy") {
///       print(entity.label, entity.text)   // DECREE Đề án số 11-ĐA/TU, ngày 06/12/2021
///     }                                    // UNIT Ban Thường vụ Thành ủy
///
/// The annotation is flat: a date inside a citation or a body inside a title is not a separate
/// entity but a field of the outer one. Recognizers run in that order of precedence (citations,
/// officials, units, dates), each over the tokens the earlier ones left free.
///
/// Text is normalized with tone marks left where they are (the tables' keys ignore tone
/// placement and case), so entity text and fields are as written, and "Thị uỷ" and "Thị ủy",
/// NFC or NFD, give the same entities.
public struct EntityTagger: Sendable {
  /// The tables the rules read: document types, issuer codes, unit words, titles, relations.
  public let lexicon: EntityLexicon
  /// The learned layer that decides OFFICIAL and UNIT spans from the rules' proposals and the
  /// words around them (`EntityTagger+Model.swift`); nil tags with the rules alone.
  public var model: EntitySequenceModel?
  let normalizer = Normalizer(options: NormalizationOptions(toneStyle: .keep))
  let tokenizer = Tokenizer()

  /// A tagger with the rules alone, without the learned layer (`model` is nil).
  public init(lexicon: EntityLexicon) { self.lexicon = lexicon }

  /// A tagger with the rules and, when `model` is given, the learned layer over them.
  public init(lexicon: EntityLexicon, model: EntitySequenceModel?) {
    self.lexicon = lexicon
    self.model = model
  }

  /// The tagger with the bundled tables and the shipped learned layer (loaded once).
  public static func bundled() throws(TableFormatError) -> EntityTagger {
    EntityTagger(lexicon: try EntityLexicon.bundled(), model: try EntitySequenceModel.bundled())
  }

  /// The entities of `text`, with offsets into its NFC form.
  ///
  /// - Throws: `ICUError` if ICU fails to normalize.
  public func entities(in text: String) throws(ICUError) -> [Entity] {
    try entities(inUTF8: Array(text.utf8))
  }

  /// The entities of valid UTF-8 text (NFC, NFD or mixed), with offsets (code points) into its
  /// NFC form.
  ///
  /// The whole text is held several times over while it is tagged (about 15 bytes a byte): for
  /// long documents, `EntityWindowTagger` tags in windows in bounded memory.
  public func entities(inUTF8 utf8: [UInt8]) throws(ICUError) -> [Entity] {
    try entities(inNFC: try ICU.normalize(utf8, to: .nfc))
  }

  /// The entities of NFC text, with offsets (code points) into it.
  func entities(inNFC nfc: [UInt8]) throws(ICUError) -> [Entity] {
    let normalized = try normalizer.normalize(validUTF8: nfc)
    let tokens = normalized.bytes.withUnsafeBufferPointer { tokenizer.tokens(in: $0) }
    let found = entities(inNormalized: normalized.bytes, tokens: tokens)
    guard !found.isEmpty else { return [] }
    // Entity text comes from the caller's NFC text, so it matches `text[start:end]` exactly.
    var mapped = found.map { entity in
      var entity = entity
      entity.start = normalized.offsets.originalStart(entity.start)
      entity.end = max(entity.start, normalized.offsets.originalEnd(entity.end))
      return entity
    }
    // Code-point offsets to byte offsets in one pass over the bytes (no scalar array).
    let wanted = Set(mapped.flatMap { [$0.start, $0.end] }).sorted()
    var byteOffset: [Int: Int] = [:]
    var next = 0
    var scalar = 0
    for (index, byte) in nfc.enumerated() where byte & 0xC0 != 0x80 {
      while next < wanted.count && wanted[next] == scalar {
        byteOffset[wanted[next]] = index
        next += 1
      }
      if next == wanted.count { break }
      scalar += 1
    }
    while next < wanted.count {
      byteOffset[wanted[next]] = nfc.count
      next += 1
    }
    for index in mapped.indices {
      let start = byteOffset[mapped[index].start] ?? nfc.count
      let end = max(start, byteOffset[mapped[index].end] ?? nfc.count)
      mapped[index].text = String(decoding: nfc[start..<end], as: UTF8.self)
    }
    return mapped
  }

  /// The entities of text already normalized (by `Normalizer`) and tokenized, with offsets
  /// (code points) into `bytes`.
  public func entities(inNormalized bytes: [UInt8], tokens: [Token]) -> [Entity] {
    let text = TaggedText(bytes: bytes, tokens: tokens)
    let dates = DateRecognizer(text: text, words: lexicon.words)
    let units = UnitRecognizer(text: text, lexicon: lexicon)
    let decrees = DecreeRecognizer(text: text, lexicon: lexicon, dates: dates, units: units)
    let officials = OfficialRecognizer(text: text, lexicon: lexicon, units: units)

    var taken = [Bool](repeating: false, count: text.count)
    var found: [(tokens: Range<Int>, label: EntityLabel, fields: Entity.Fields)] = []

    func scan(_ label: EntityLabel, _ recognize: (Int) -> (Range<Int>, Entity.Fields)?) {
      var index = 0
      while index < text.count {
        if taken[index] || text.tokens[index].kind == .punctuation {
          index += 1
          continue
        }
        if let (range, fields) = recognize(index), !range.isEmpty, !taken[range].contains(true) {
          for position in range { taken[position] = true }
          found.append((range, label, fields))
          index = range.upperBound
        } else {
          index += 1
        }
      }
    }

    var citations: [DecreeCitation] = []
    // Each recognizer is asked only where it can start (`mayMatch`): most tokens start nothing,
    // and a call that finds nothing still copied its large optional result (a citation's
    // fields) twice — a tenth of the tagger's time went to that `memmove` alone. Which tables
    // start at a token is one probe per token, made once (probing each table's trie in each
    // scan missed the cache at nearly every token).
    let starts = text.keys.map(lexicon.starts.flags(of:))
    scan(.decree) { index in
      guard decrees.mayMatch(at: index, starts: starts[index]) else { return nil }
      return decrees.match(at: index).map { ($0.tokens, .decree($0.citation)) }
    }
    scan(.official) { index in
      guard OfficialRecognizer.mayMatch(starts: starts[index]) else { return nil }
      return officials.match(at: index).map { ($0.tokens, .official($0.official)) }
    }
    scan(.unit) { index in
      guard starts[index] & KeyFlags.unit != 0 else { return nil }
      return units.match(at: index).map { ($0.tokens, .unit) }
    }
    scan(.date) { index in
      dates.match(at: index).map { ($0.tokens, .date($0.date)) }
    }

    if let model { found = refined(found, text: text, model: model) }
    found.sort { $0.tokens.lowerBound < $1.tokens.lowerBound }
    var citationTokens: [Range<Int>] = []
    for item in found {
      if case .decree(let citation) = item.fields {
        citations.append(citation)
        citationTokens.append(item.tokens)
      }
    }
    shareRelations(
      &citations, tokens: citationTokens, found: found.map { ($0.tokens, $0.label) }, text: text)
    CitationResolver.resolve(&citations)
    var nextCitation = 0
    return found.map { item in
      var fields = item.fields
      if case .decree = fields {
        fields = .decree(citations[nextCitation])
        nextCitation += 1
      }
      let first = text.tokens[item.tokens.lowerBound]
      let last = text.tokens[item.tokens.upperBound - 1]
      // "Giám đốc Sở TT&TT. Sau đó …": the full stop the abbreviation took ends the sentence; it is
      // no part of the unit or the official.
      let next = item.tokens.upperBound
      if item.label == .unit || item.label == .official, last.kind == .abbreviation,
        text.endsWithFullStop(next - 1),
        next >= text.count || text.hasLineBreak(before: next) || text.isCapitalized(next)
      {
        var written = text.string(item.tokens)
        written.removeLast()
        if case .official(var official) = fields, let title = official.titles.last,
          title.hasSuffix(".")
        {
          official.titles[official.titles.count - 1] = String(title.dropLast())
          if let unit = official.unit, unit.hasSuffix("."), title.hasSuffix(unit) {
            official.unit = String(unit.dropLast())
          }
          fields = .official(official)
        }
        return Entity(
          label: item.label, start: first.start, end: last.end - 1, text: written, fields: fields)
      }
      return Entity(
        label: item.label, start: first.start, end: last.end, text: text.string(item.tokens),
        fields: fields)
    }
  }

  /// The most tokens between two citations of one list ("Căn cứ Luật A ngày …; Luật B …").
  static let listGap = 24

  /// A citation that states no relation takes the one of the citation before it when only list
  /// glue stands between them: commas, semicolons, "và", line breaks with their bullets, and the
  /// issuer phrase of the one before ("Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ, Thông tư
  /// số …"). So a "Căn cứ" or "Thực hiện" governs its whole list.
  private func shareRelations(
    _ citations: inout [DecreeCitation], tokens: [Range<Int>],
    found: [(tokens: Range<Int>, label: EntityLabel)],
    text: TaggedText
  ) {
    guard citations.count > 1 else { return }
    var unitAt = Set<Int>()
    for item in found where item.label == .unit { unitAt.formUnion(item.tokens) }
    let words = lexicon.words
    for index in 1..<citations.count where citations[index].relation == nil {
      guard let previous = citations[index - 1].relation else { continue }
      let gap = tokens[index - 1].upperBound..<tokens[index].lowerBound
      guard gap.count <= Self.listGap, !text.hasParagraphBreak(before: tokens[index].lowerBound)
      else { continue }
      // A list item ends at ";" and a line break: what it says after its citation ("về công tác
      // văn thư") does not end the list.
      var itemStart = gap.lowerBound
      if let semicolon = gap.last(where: { text.isPunctuation($0, UInt8(ascii: ";")) }),
        text.hasLineBreak(before: semicolon + 1),
        !gap.contains(where: {
          text.isPunctuation($0, UInt8(ascii: ".")) || text.isPunctuation($0, UInt8(ascii: ":"))
        })
      {
        itemStart = semicolon
      }
      let glue = (itemStart..<gap.upperBound).allSatisfy { position in
        if unitAt.contains(position) { return true }
        let key = text.keys[position]
        if key == words.va || key == words.cua || key == words.cac { return true }
        return text.isPunctuation(position, UInt8(ascii: ","))
          || text.isPunctuation(position, UInt8(ascii: ";"))
          || text.isDash(position) || text.isPunctuation(position, UInt8(ascii: "+"))
      }
      if glue { citations[index].relation = previous }
    }
  }
}
