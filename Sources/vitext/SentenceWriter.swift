import VietNormalization
import VietText
import VitextCommandSupport

/// Writes one sentence of `vitext tokenize` output in the chosen format.
struct SentenceWriter {
  let format: TokenizeCommand.Format
  let out: OutputWriter
  let folder = Normalizer(options: .searchFolded)

  func write(
    _ sentence: Sentence, number: Int, tokens: [Token], words: ArraySlice<Word>?,
    chunk: DocumentPipeline.Chunk
  ) throws {
    switch format {
    case .text: writeText(sentence, tokens, words, chunk.bytes)
    case .conllu: writeCoNLLU(sentence, number: number, tokens, words ?? [], chunk.bytes)
    case .jsonl: try writeJSON(sentence, number: number, tokens, words, chunk)
    }
  }

  /// The word's text with its tokens joined by `separator` where the source had white space
  /// between them, and directly where it had none ("Covid-19").
  private func writeWord(_ word: Range<Int>, _ tokens: [Token], _ text: [UInt8], separator: UInt8) {
    for index in word {
      if index != word.lowerBound {
        if tokens[index - 1].byteEnd != tokens[index].byteStart { out.write(byte: separator) }
      }
      out.write(tokens[index].bytes(in: text))
    }
  }

  private func writeText(
    _ sentence: Sentence, _ tokens: [Token], _ words: ArraySlice<Word>?, _ text: [UInt8]
  ) {
    let units = words.map { $0.map(\.tokens) } ?? sentence.tokens.map { $0..<$0 + 1 }
    for (position, unit) in units.enumerated() {
      if position > 0 { out.write(byte: 0x20) }
      writeWord(unit, tokens, text, separator: UInt8(ascii: "_"))
    }
    out.write(byte: 0x0A)
  }

  private func writeCoNLLU(
    _ sentence: Sentence, number: Int, _ tokens: [Token], _ words: ArraySlice<Word>, _ text: [UInt8]
  ) {
    out.write("# sent_id = \(number + 1)\n# text = ")
    // CoNLL-U comments are one line: the sentence's own line breaks become spaces.
    out.write(text[sentence.byteStart..<sentence.byteEnd].map { $0 == 0x0A ? 0x20 : $0 })
    out.write(byte: 0x0A)
    for (position, word) in words.enumerated() {
      out.write("\(position + 1)\t")
      writeWord(word.tokens, tokens, text, separator: 0x20)
      let last = tokens[word.tokens.upperBound - 1]
      let spaceAfter =
        word.tokens.upperBound >= sentence.tokens.upperBound
        || tokens[word.tokens.upperBound].byteStart != last.byteEnd
      out.write("\t_\t_\t_\t_\t_\t_\t_\t\(spaceAfter ? "_" : "SpaceAfter=No")\n")
    }
    out.write(byte: 0x0A)
  }

  private func writeJSON(
    _ sentence: Sentence, number: Int, _ tokens: [Token], _ words: ArraySlice<Word>?,
    _ chunk: DocumentPipeline.Chunk
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
    out.write("]")
    if let words {
      out.write(",\"words\":[")
      for (position, word) in words.enumerated() {
        if position > 0 { out.write(byte: 0x2C) }
        let first = tokens[word.tokens.lowerBound]
        let last = tokens[word.tokens.upperBound - 1]
        out.write("{\"text\":")
        out.writeJSONString(chunk.bytes[first.byteStart..<last.byteEnd])
        out.write(
          ",\"start\":\(base + map.originalStart(first.start)),\"end\":\(base + map.originalEnd(last.end)),\"tokens\":[\(word.tokens.lowerBound - sentence.tokens.lowerBound),\(word.tokens.upperBound - sentence.tokens.lowerBound)]}"
        )
      }
      out.write("]")
    }
    out.write("}\n")
  }
}
