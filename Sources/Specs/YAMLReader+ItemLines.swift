import Yams

extension YAMLReader {
  /// The lines (1-based) on which an item of a block or flow sequence starts, as YAML reads the
  /// text; nil when it does not read. A line that looks like an item (`  - load the data`) but
  /// is not one of these is text: a quoted or plain text running on over several lines (tester
  /// BO-16: a description's `- ` line then a bullet line was refused as a pasted list).
  func itemLines() -> Set<Int>? {
    guard let root = try? Yams.compose(yaml: text) else { return nil }
    var lines = Set<Int>()
    var pending = [root]
    while let node = pending.popLast() {
      switch node {
      case .sequence(let sequence):
        for item in sequence {
          if let mark = item.mark { lines.insert(mark.line) }
          pending.append(item)
        }
      case .mapping(let mapping):
        pending += mapping.map(\.value)
      case .scalar, .alias:
        break
      }
    }
    return lines
  }
}
