import Foundation
import VietText

/// The abbreviations the tokenizer knows by name (`Resources/abbreviations.tsv`).
public struct AbbreviationTable: Sendable {
  /// Forms ending in a period that does not end a sentence ("TP.", "ThS."), as UTF-8 bytes.
  let withPeriod: Set<[UInt8]>
  /// The longest form in `withPeriod`, in bytes.
  let longestWithPeriod: Int
  /// Forms that are abbreviations even where they spell a syllable ("CA").
  let acronyms: Set<[UInt8]>

  /// Lowercase words after which a day/month without a year is a date ("Sáng 11/6").
  let dateCues: Set<[UInt8]>
  /// Lowercase words that carry a date on from a date before them ("11/6 và 12/6").
  let dateLinks: Set<[UInt8]>

  /// The bundled tables, loaded once.
  public static let bundled: AbbreviationTable = {
    do {
      return try AbbreviationTable(
        BundledResource.bytes("abbreviations.tsv"), dateCues: BundledResource.bytes("date-cues.tsv")
      )
    } catch {
      fatalError("vitext: bundled resource is damaged: \(error)")
    }
  }()

  /// A table parsed from the TSV `bytes` of abbreviations and of date cues. Throws
  /// `TableFormatError` naming `resource` and the line for a malformed row.
  public init(_ bytes: [UInt8], dateCues cueBytes: [UInt8], resource: String = "abbreviations.tsv")
    throws(TableFormatError)
  {
    var withPeriod = Set<[UInt8]>()
    var acronyms = Set<[UInt8]>()
    for (line, fields) in try TableFile.rows(bytes, resource: resource, columns: 3...3) {
      let form = Array(fields[0].utf8)
      switch fields[1] {
      case "period":
        guard form.last == UInt8(ascii: ".") else {
          throw TableFormatError(
            resource: resource, line: line, reason: "a period form must end in '.'")
        }
        withPeriod.insert(form)
      case "acronym": acronyms.insert(form)
      default:
        throw TableFormatError(resource: resource, line: line, reason: "unknown kind \(fields[1])")
      }
    }
    self.withPeriod = withPeriod
    self.longestWithPeriod = withPeriod.map(\.count).max() ?? 0
    self.acronyms = acronyms
    var cues = Set<[UInt8]>()
    var links = Set<[UInt8]>()
    for (line, fields) in try TableFile.rows(cueBytes, resource: "date-cues.tsv", columns: 2...2) {
      switch fields[1] {
      case "cue": cues.insert(Array(fields[0].utf8))
      case "link": links.insert(Array(fields[0].utf8))
      default:
        throw TableFormatError(
          resource: "date-cues.tsv", line: line, reason: "unknown kind \(fields[1])")
      }
    }
    self.dateCues = cues
    self.dateLinks = links
  }
}

/// Loads files from this module's resource bundle.
enum BundledResource {
  static func bytes(_ name: String) throws(TableFormatError) -> [UInt8] {
    let path = Bundle.module.path(forResource: name, ofType: nil, inDirectory: "Resources")
    return try TableFile.contents(ofFile: path, resource: name)
  }
}
