import VietText

extension EntityTagger {
  /// What a recognizer found: a run of tokens, its label and its parse.
  typealias Proposal = (tokens: Range<Int>, label: EntityLabel, fields: Entity.Fields)

  /// The rules' proposals with OFFICIAL and UNIT spans decided by the learned layer.
  ///
  /// DECREE and DATE proposals are kept as the rules made them (their fields come from the
  /// rules' parse, and the model never tags their tokens). Regions grow around the OFFICIAL and
  /// UNIT proposals, so the model's spans replace them; an OFFICIAL span keeps the
  /// fields of the rule official it overlaps, or reads the name off its capitalised syllables.
  func refined(_ found: [Proposal], text: TaggedText, model: EntitySequenceModel) -> [Proposal] {
    // Regions grow from OFFICIAL and UNIT proposals only: without one there is nothing to tag.
    guard found.contains(where: { $0.label == .official || $0.label == .unit }) else {
      return found
    }
    let features = EntityFeatures(
      text: text, rules: found.map { RuleSpan(tokens: $0.tokens, label: $0.label) },
      lexicon: lexicon)
    let spans = EntityFeatures.spans(model.tags(features), text: text)
    var result = found.filter { $0.label == .decree || $0.label == .date }
    let ruleOfficials = found.filter { $0.label == .official }
    for span in spans {
      switch span.label {
      case .unit:
        result.append((span.tokens, .unit, .unit))
      case .official:
        if let rule = ruleOfficials.first(where: { $0.tokens.overlaps(span.tokens) }) {
          result.append((span.tokens, .official, rule.fields))
        } else {
          result.append(
            (
              span.tokens, .official,
              .official(Self.readOfficial(span.tokens, text: text, lexicon: lexicon))
            ))
        }
      case .decree, .date:
        break
      }
    }
    return result
  }

  /// An official read off a span the rules did not propose: the name is the last run of two to
  /// five capitalised syllables that begins with a family name (else the last such run of any
  /// kind), the titles are what lies before and after it.
  static func readOfficial(_ span: Range<Int>, text: TaggedText, lexicon: EntityLexicon) -> Official
  {
    var runs: [Range<Int>] = []
    var index = span.lowerBound
    while index < span.upperBound {
      guard text.kind(index) == .syllable, text.shapes[index] == .title else {
        index += 1
        continue
      }
      var end = index
      while end < span.upperBound, text.kind(end) == .syllable, text.shapes[end] == .title {
        end += 1
      }
      if (2...5).contains(end - index) { runs.append(index..<end) }
      index = end
    }
    guard
      let name = runs.last(where: { lexicon.surnames.contains(text.keys[$0.lowerBound]) })
        ?? runs.last
    else {
      return Official(name: text.string(span), titles: [], unit: nil)
    }
    func trimmed(_ range: Range<Int>) -> Range<Int> {
      var range = range
      while !range.isEmpty, text.kind(range.lowerBound) == .punctuation {
        range = range.lowerBound + 1..<range.upperBound
      }
      while !range.isEmpty, text.kind(range.upperBound - 1) == .punctuation {
        range = range.lowerBound..<range.upperBound - 1
      }
      return range
    }
    let titles = [
      trimmed(span.lowerBound..<name.lowerBound), trimmed(name.upperBound..<span.upperBound),
    ]
    .filter { !$0.isEmpty }.map { text.string($0) }
    return Official(name: text.string(name), titles: titles, unit: nil)
  }
}

extension EntityFeatures {
  /// The OFFICIAL and UNIT spans of a tag sequence, without leading or trailing punctuation
  /// (a closing parenthesis stays when its opening one is inside: "Ủy ban Kiểm tra (UBKT)").
  static func spans(_ tags: [UInt8], text: TaggedText) -> [RuleSpan] {
    var spans: [RuleSpan] = []
    var index = 0
    while index < tags.count {
      guard let tag = EntityTag(rawValue: Int(tags[index])), let label = tag.label else {
        index += 1
        continue
      }
      var end = index + 1
      while end < tags.count, let next = EntityTag(rawValue: Int(tags[end])), !next.begins,
        next.label == label
      { end += 1 }
      var start = index
      index = end
      while start < end, text.kind(start) == .punctuation { start += 1 }
      while end > start, text.kind(end - 1) == .punctuation {
        if text.isPunctuation(end - 1, UInt8(ascii: ")")),
          (start..<end - 1).contains(where: { text.isPunctuation($0, UInt8(ascii: "(")) })
        {
          break
        }
        end -= 1
      }
      if start < end { spans.append(RuleSpan(tokens: start..<end, label: label)) }
    }
    return spans
  }
}
