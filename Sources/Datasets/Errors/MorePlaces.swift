/// The places after the first where a check of the data failed too, listed under the error that
/// names the first, so that one run shows everything to fix (a few of them, then a count).
enum MorePlaces {
  /// How many further places an error lists before it only counts the rest.
  static let listed = 5

  /// `\n3 more bad cells:\n  line 9, column 'x': 'abc' is not a number\n  …\n  and 1 more`
  /// for the places `rest` (after the first), each shown by `describe`; "" when there are none.
  /// Only the first `listed` places are described; the rest are counted.
  static func listing<C: Collection>(
    _ rest: C, _ noun: (singular: String, plural: String), describe: (C.Element) -> String
  ) -> String {
    let total = rest.count
    guard total > 0 else { return "" }
    var text = "\n\(total) more \(total == 1 ? noun.singular : noun.plural):"
    for place in rest.prefix(listed) { text += "\n  " + describe(place) }
    if total > listed { text += "\n  and \(total - listed) more" }
    return text
  }
}
