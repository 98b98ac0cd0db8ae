import ArgumentParser
import VietNormalization
import VitextCommandSupport

struct NormalizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "normalize",
    abstract: "Write text in one canonical form: NFC, one tone placement, clean spacing.",
    discussion: """
      Always: NBSP and other spaces become a space; zero-width characters, BOM, soft hyphens and control characters are removed; CRLF becomes LF; Ð/ð written for Đ/đ becomes Đ/đ.

      Examples:
        printf 'Quận uỷ\\n' | vitext normalize                   # Quận ủy
        printf 'Hoà BÌNH\\n' | vitext normalize --fold all --lowercase   # hoa binh
        vitext normalize --tone-style new report.txt           # hoà, thuỷ
        vitext normalize --from auto old-report.txt            # TCVN3/VNI → Unicode
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var tone: ToneOptions

  @Option(help: "Unicode form of the output: nfc or nfd.")
  var form: NormalizationOptions.FormChoice = .nfc

  @Option(help: "Remove diacritics: none, tones (keep ă â ê ô ơ ư đ), or all (ASCII, đ → d).")
  var fold: FoldLevel = .none

  @Flag(help: "Lowercase (ICU, Vietnamese locale).")
  var lowercase = false

  func run() throws {
    let options = NormalizationOptions(
      form: form, toneStyle: tone.toneStyle, fold: fold, lowercase: lowercase)
    let pipeline = DocumentPipeline(input: input, normalizer: Normalizer(options: options))
    let out = OutputWriter()
    defer { out.flush() }
    try reportingErrors {
      try pipeline.run { chunk in out.write(chunk.bytes) }
    }
  }
}
