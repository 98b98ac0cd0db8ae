/// Links the citations of one document that name the same document, as eyecite resolves short
/// forms: a repeated full citation to the first with its symbol; a short re-mention ("Đề án 11",
/// "Quy định số 31") to the full citation of the same type and number, the nearest earlier one,
/// else the first later one (headlines cite "Đề án 11" before the text gives "11-ĐA/TU").
/// When two different documents share type and number, the mention stays unresolved rather
/// than guessed.
enum CitationResolver {
  static func resolve(_ citations: inout [DecreeCitation]) {
    var firstBySymbol: [String: Int] = [:]
    for index in citations.indices where citations[index].reference == .full {
      guard let symbol = citations[index].canonicalSymbol else { continue }
      if let first = firstBySymbol[symbol] {
        citations[index].resolvesTo = first
        citations[index].resolvedSymbol = citations[first].symbol
      } else {
        firstBySymbol[symbol] = index
      }
    }
    for index in citations.indices where citations[index].reference == .short {
      let type = citations[index].type
      let number = citations[index].number
      let candidates = firstBySymbol.values.sorted().filter {
        citations[$0].type == type && citations[$0].number == number
      }
      let distinct = Set(candidates.compactMap { citations[$0].canonicalSymbol })
      guard distinct.count == 1 else { continue }
      let target = candidates.last(where: { $0 < index }) ?? candidates.first!
      citations[index].resolvesTo = target
      citations[index].resolvedSymbol = citations[target].symbol
    }
  }
}
