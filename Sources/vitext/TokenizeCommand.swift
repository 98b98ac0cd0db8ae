import ArgumentParser
import VietNormalization
import VietSegmentation
import VietText
import VietTokenization
import VitextCommandSupport

struct TokenizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tokenize",
    abstract:
      "Split text into sentences, tokens (syllables, numbers, dates, document numbers …) and words.",
    discussion: """
      The text is normalized first (NFC, canonical tone marks, clean-up), so "Quận uỷ" and "Quận ủy" give the same tokens.

      --format text: one sentence a line, tokens separated by spaces; with --words, the syllables of a word are joined by `_` ("sinh_hoạt chi_bộ"), as VnCoreNLP, pyvi and seg_eval.py expect.
      --format conllu: CoNLL-U, one word a line (ID, FORM with its syllables separated by spaces, SpaceAfter=No in MISC where no space follows); implies --words.
      --format jsonl: one JSON object a sentence:
        {"doc": "file.txt", "sentence": 0, "start": 0, "end": 42, "tokens": [
          {"text": "11-ĐA/TU", "kind": "document_number", "start": 30, "end": 38,
           "byte_start": 31, "byte_end": 40, "folded": "11-da/tu"}, …],
         "words": [{"text": "sinh hoạt", "start": 0, "end": 9, "tokens": [0, 2]}, …]}
      "words" appears with --words; its "tokens" is the half-open range of the word's tokens in the sentence's "tokens". "start"/"end" are code-point offsets (Python str indices) into the NFC form of the input document; "byte_start"/"byte_end" are UTF-8 offsets into the normalized text that `vitext normalize` prints; "text" is the normalized token; "folded" is its search key (lowercase, no diacritics, đ → d). Kinds: syllable, abbreviation, number, percent, date, time, document_number, url, email, punctuation, symbol.

      --convention chooses whose word boundaries --words follows: ud (default; Universal Dependencies VTB) or vlsp (VLSP 2013, which joins compounds and names: người_dân, Nguyễn_Trãi).

      --lines takes every input line as one sentence (no sentence splitting) and writes one output line (or CoNLL-U sentence, or JSON object) per input line, empty lines included, as scorers expect.

      Examples:
        vitext tokenize Corpus/seeds/000_958dd04866c0e41a.txt
        printf 'Ban Thường vụ Thị ủy sơ kết Đề án 11\\n' | vitext tokenize --words
        python3 seg_eval.py text gold.conllu | vitext tokenize --words --lines
        printf 'Số 11-ĐA/TU, ngày 06/12/2021.\\n' | vitext tokenize --format jsonl
        printf 'Người dân xã Tây Hồ\\n' | vitext tokenize --words --convention vlsp
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var tone: ToneOptions

  @Option(help: "Output format: text, jsonl or conllu.")
  var format: Format = .text

  @Flag(help: "Group syllables into words (word segmentation).")
  var words = false

  @OptionGroup var convention: ConventionOption

  @Flag(help: "Take each input line as one sentence; one output line per input line.")
  var lines = false

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, jsonl, conllu }

  func run() throws {
    let pipeline = DocumentPipeline(
      input: input, normalizer: Normalizer(options: NormalizationOptions(toneStyle: tone.toneStyle))
    )
    let tokenizer = Tokenizer()
    let out = OutputWriter()
    defer { out.flush() }
    var sentenceNumber = 0
    try reportingErrors {
      let segmenter =
        words || format == .conllu ? try WordSegmenter.bundled(convention.convention) : nil
      let writer = SentenceWriter(format: format, out: out)
      try pipeline.run { chunk in
        if chunk.isFirst { sentenceNumber = 0 }
        let tokens: [Token]
        let sentences: [Sentence]
        if lines {
          tokens = chunk.bytes.withUnsafeBufferPointer { tokenizer.tokens(in: $0) }
          sentences = Self.lines(of: chunk.bytes, tokens: tokens)
        } else {
          (tokens, sentences) = try {
            let r = try tokenizer.tokenize(chunk.bytes)
            return (r.tokens, r.sentences)
          }()
        }
        let allWords = segmenter?.words(in: chunk.bytes, tokens: tokens, sentences: sentences)
        var wordCursor = 0
        for sentence in sentences {
          var sentenceWords: ArraySlice<Word>?
          if let allWords {
            let first = wordCursor
            while wordCursor < allWords.count,
              allWords[wordCursor].tokens.lowerBound < sentence.tokens.upperBound
            {
              wordCursor += 1
            }
            sentenceWords = allWords[first..<wordCursor]
          }
          try writer.write(
            sentence, number: sentenceNumber, tokens: tokens, words: sentenceWords, chunk: chunk)
          sentenceNumber += 1
        }
      }
    }
  }

  /// Every line as a sentence, empty lines included; a final line without a newline counts, an
  /// empty remainder after the last newline does not.
  static func lines(of text: [UInt8], tokens: [Token]) -> [Sentence] {
    var sentences: [Sentence] = []
    var tokenIndex = 0
    var lineStart = 0
    var codePoint = 0
    text.withUnsafeBufferPointer { text in
      while lineStart < text.count {
        var lineEnd = lineStart
        var lineCodePoints = 0
        while lineEnd < text.count, text[lineEnd] != 0x0A {
          if text[lineEnd] & 0xC0 != 0x80 { lineCodePoints += 1 }
          lineEnd += 1
        }
        let firstToken = tokenIndex
        while tokenIndex < tokens.count, tokens[tokenIndex].byteStart < lineEnd { tokenIndex += 1 }
        sentences.append(
          Sentence(
            tokens: firstToken..<tokenIndex, byteStart: lineStart, byteEnd: lineEnd,
            start: codePoint,
            end: codePoint + lineCodePoints))
        codePoint += lineCodePoints + 1
        lineStart = lineEnd + 1
      }
    }
    return sentences
  }
}
