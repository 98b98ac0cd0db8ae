import ArgumentParser
import VietNormalization
import VietText
import VietTokenization

struct TokenizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tokenize",
    abstract: "Split text into sentences and tokens (syllables, numbers, dates, document numbers …).",
    discussion: """
      The text is normalized first (NFC, canonical tone marks, clean-up), so "Quận uỷ" and "Quận ủy" give the same tokens.

      --format text: one sentence a line, tokens separated by spaces.
      --format jsonl: one JSON object a sentence:
        {"doc": "file.txt", "sentence": 0, "start": 0, "end": 42, "tokens": [
          {"text": "11-ĐA/TU", "kind": "document_number", "start": 30, "end": 38,
           "byte_start": 31, "byte_end": 40, "folded": "11-da/tu"}, …]}
      "start"/"end" are code-point offsets (Python str indices) into the NFC form of the input document; "byte_start"/"byte_end" are UTF-8 offsets into the normalized text that `vitext normalize` prints; "text" is the normalized token; "folded" is its search key (lowercase, no diacritics, đ → d). Kinds: syllable, abbreviation, number, percent, date, time, document_number, url, email, punctuation, symbol.

      Examples:
        vitext tokenize Corpus/seeds/000_958dd04866c0e41a.txt
        printf 'Số 11-ĐA/TU, ngày 06/12/2021.\\n' | vitext tokenize --format jsonl
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var tone: ToneOptions

  @Option(help: "Output format: text or jsonl.")
  var format: Format = .text

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, jsonl }

  func run() throws {
    let pipeline = DocumentPipeline(
      input: input, normalizer: Normalizer(options: NormalizationOptions(toneStyle: tone.toneStyle)))
    let tokenizer = Tokenizer()
    let folder = Normalizer(options: .searchFolded)
    let out = OutputWriter()
    defer { out.flush() }
    var sentenceNumber = 0
    try reportingErrors {
      try pipeline.run { chunk in
        if chunk.isFirst { sentenceNumber = 0 }
        let result = try tokenizer.tokenize(chunk.bytes)
        for sentence in result.sentences {
          switch format {
          case .text:
            writeText(sentence, result.tokens, chunk.bytes, out)
          case .jsonl:
            try writeJSON(sentence, number: sentenceNumber, result.tokens, chunk, folder, out)
          }
          sentenceNumber += 1
        }
      }
    }
  }

  private func writeText(_ sentence: Sentence, _ tokens: [Token], _ text: [UInt8], _ out: OutputWriter) {
    for index in sentence.tokens {
      if index != sentence.tokens.lowerBound { out.write(byte: 0x20) }
      out.write(tokens[index].bytes(in: text))
    }
    out.write(byte: 0x0A)
  }

  private func writeJSON(
    _ sentence: Sentence, number: Int, _ tokens: [Token], _ chunk: DocumentPipeline.Chunk, _ folder: Normalizer,
    _ out: OutputWriter
  ) throws {
    let map = chunk.offsets
    let base = chunk.originalBase
    out.write("{\"doc\":")
    out.writeJSONString(chunk.source.name.utf8)
    out.write(
      ",\"sentence\":\(number),\"start\":\(base + map.originalStart(sentence.start)),\"end\":\(base + map.originalEnd(sentence.end)),\"tokens\":["
    )
    for index in sentence.tokens {
      let token = tokens[index]
      if index != sentence.tokens.lowerBound { out.write(byte: 0x2C) }
      let text = token.bytes(in: chunk.bytes)
      out.write("{\"text\":")
      out.writeJSONString(text)
      out.write(
        ",\"kind\":\"\(token.kind.rawValue)\",\"start\":\(base + map.originalStart(token.start)),\"end\":\(base + map.originalEnd(token.end)),\"byte_start\":\(chunk.byteBase + token.byteStart),\"byte_end\":\(chunk.byteBase + token.byteEnd),\"folded\":"
      )
      out.writeJSONString(try folder.normalize(validUTF8: Array(text)).bytes)
      out.write(byte: 0x7D)
    }
    out.write("]}\n")
  }
}
