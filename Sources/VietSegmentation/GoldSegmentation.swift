import VietText

/// A gold-segmented sentence: its words, each a list of syllables.
public struct GoldSentence: Hashable, Sendable {
  /// The sentence's words in order, each the list of its syllables as written.
  public var words: [[String]]

  /// Makes a sentence from its words, each a list of syllables.
  public init(words: [[String]]) { self.words = words }

  /// The syllables separated by single spaces: the raw text a segmenter is given.
  public var text: String { words.map { $0.joined(separator: " ") }.joined(separator: " ") }

  /// The same words in lower case (Unicode case mapping: "Đà Lạt" → "đà lạt"), for training on
  /// text written without capitals.
  public func lowercased() -> GoldSentence {
    GoldSentence(words: words.map { $0.map { $0.lowercased() } })
  }
}

/// The formats gold segmentation comes in.
public enum GoldFormat: String, Sendable, CaseIterable {
  /// CoNLL-U (Universal Dependencies): FORM holds a word's syllables separated by spaces.
  case conllu
  /// One syllable a line with a tab and `B_W`, `I_W` or `O`; a blank line ends a sentence.
  case bio
  /// One sentence a line, `word/TAG` items, syllables joined by `_` (Viet Treebank as pyvi has it).
  case tagged
  /// One sentence a line, words separated by spaces, syllables joined by `_` (VLSP 2013).
  case joined

  /// Guesses the format of a file from its name and first lines.
  public static func detect(name: String, bytes: [UInt8]) -> GoldFormat {
    if name.hasSuffix(".conllu") { return .conllu }
    let head = String(decoding: bytes.prefix(20_000), as: UTF8.self)
    let lines = head.split(whereSeparator: \.isNewline).prefix(50)
    if lines.contains(where: { $0.hasSuffix("\tB_W") || $0.hasSuffix("\tI_W") }) { return .bio }
    var items = 0
    var tagged = 0
    for line in lines {
      for item in line.split(separator: " ") {
        items += 1
        if let slash = item.lastIndex(of: "/"), slash != item.startIndex,
          item[item.index(after: slash)...].allSatisfy({ $0.isLetter || $0 == "-" }),
          item.index(after: slash) != item.endIndex
        {
          tagged += 1
        }
      }
    }
    return tagged * 2 > items ? .tagged : .joined
  }
}

extension GoldSentence {
  /// Reads gold sentences in any `GoldFormat`.
  ///
  /// - Throws: `TableFormatError` when the bytes are not UTF-8 or a line is malformed.
  public static func read(_ bytes: [UInt8], name: String, format: GoldFormat? = nil)
    throws(TableFormatError)
    -> [GoldSentence]
  {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw TableFormatError(resource: name, line: 0, reason: "not UTF-8")
    }
    let format = format ?? GoldFormat.detect(name: name, bytes: bytes)
    var sentences: [GoldSentence] = []
    var current: [[String]] = []
    func finish() {
      if !current.isEmpty { sentences.append(GoldSentence(words: current)) }
      current = []
    }
    var lineNumber = 0
    // CRLF files are common (the Viet Treebank copy is one); "\r\n" is a single Character.
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      lineNumber += 1
      switch format {
      case .conllu:
        if line.allSatisfy(\.isWhitespace) {
          finish()
          continue
        }
        if line.hasPrefix("#") { continue }
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard columns.count >= 2 else {
          throw TableFormatError(
            resource: name, line: lineNumber, reason: "a CoNLL-U line needs ID and FORM")
        }
        // Multiword-token ranges (1-2) and empty nodes (1.1) are not words of the text.
        if columns[0].contains("-") || columns[0].contains(".") { continue }
        let syllables = columns[1].split(whereSeparator: \.isWhitespace).map(String.init)
        if !syllables.isEmpty { current.append(syllables) }
      case .bio:
        if line.allSatisfy(\.isWhitespace) {
          finish()
          continue
        }
        let columns = line.split(separator: "\t")
        guard columns.count == 2 else {
          throw TableFormatError(
            resource: name, line: lineNumber, reason: "expected syllable<TAB>tag")
        }
        let syllable = String(columns[0])
        if columns[1] == "I_W", !current.isEmpty {
          current[current.count - 1].append(syllable)
        } else {
          current.append([syllable])
        }
      case .tagged, .joined:
        for item in line.split(whereSeparator: \.isWhitespace) {
          var word = item
          if format == .tagged, let slash = item.lastIndex(of: "/"), slash != item.startIndex {
            word = item[..<slash]
          }
          let syllables = word.split(separator: "_").map(String.init)
          current.append(syllables.isEmpty ? [String(word)] : syllables)
        }
        finish()
      }
    }
    finish()
    return sentences
  }
}

/// Word-segmentation precision, recall and F1 over exact word spans, as the shared scorer
/// (`seg_eval.py`) counts them: punctuation tokens are words too.
public struct SegmentationScore: Hashable, Sendable {
  /// Words in the gold segmentation.
  public var goldWords = 0
  /// Words the system produced.
  public var systemWords = 0
  /// System words whose span matches a gold word's exactly.
  public var correctWords = 0

  /// An empty score, to `add` sentences to.
  public init() {}

  /// Correct over system words; 0 when the system produced none.
  public var precision: Double { systemWords == 0 ? 0 : Double(correctWords) / Double(systemWords) }
  /// Correct over gold words; 0 when there are none.
  public var recall: Double { goldWords == 0 ? 0 : Double(correctWords) / Double(goldWords) }
  /// The harmonic mean of precision and recall; 0 when both are 0.
  public var f1: Double {
    let p = precision
    let r = recall
    return p + r == 0 ? 0 : 2 * p * r / (p + r)
  }

  /// Adds one sentence, given the word spans (any offsets, the same for both) of gold and system.
  public mutating func add(gold: [Range<Int>], system: [Range<Int>]) {
    goldWords += gold.count
    systemWords += system.count
    correctWords +=
      Set(gold.map { [$0.lowerBound, $0.upperBound] }).intersection(
        system.map { [$0.lowerBound, $0.upperBound] }
      ).count
  }
}
