import Testing
import VietTokenization

@testable import VietEntities

/// The tagger asks a recognizer only at tokens whose key carries its start flag
/// (`EntityLexicon.starts`): a flag missing for a table's first word would silently drop every
/// entity that starts with it, so every first word is checked, and real words by name.
@Suite struct StartFlagsTests {
  let lexicon = try! EntityLexicon.bundled()

  func key(_ word: String) -> UInt64 { TokenKey.keys(of: word, tokenizer: Tokenizer()).first! }

  @Test func everyFirstWordOfTheTablesIsFlagged() {
    #expect(
      !lexicon.documentTypes.firstKeys.isEmpty && !lexicon.titles.firstKeys.isEmpty
        && !lexicon.units.firstKeys.isEmpty)
    for key in lexicon.documentTypes.firstKeys {
      #expect(lexicon.starts.flags(of: key) & KeyFlags.documentType != 0)
    }
    for key in lexicon.titles.firstKeys {
      #expect(lexicon.starts.flags(of: key) & KeyFlags.title != 0)
    }
    for key in lexicon.units.firstKeys {
      #expect(lexicon.starts.flags(of: key) & KeyFlags.unit != 0)
    }
  }

  @Test(arguments: [
    ("Nghị định", KeyFlags.documentType), ("Bí thư", KeyFlags.title),
    ("Ban Thường vụ", KeyFlags.unit),
    ("Nguyễn", KeyFlags.surname), ("UỶ BAN", KeyFlags.unit),
  ])
  func realWordsCarryTheirFlags(_ word: String, _ flag: UInt8) {
    #expect(lexicon.starts.flags(of: key(word)) & flag != 0)
  }

  @Test func runningTextWordsCarryNone() {
    for word in ["hôm", "rất", "đẹp", "trời"] {
      #expect(lexicon.starts.flags(of: key(word)) == 0, "\(word)")
    }
  }
}
