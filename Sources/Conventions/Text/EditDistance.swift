extension String {
  /// The optimal string alignment distance to `other` (Levenshtein plus adjacent
  /// transpositions), over Unicode scalars; a length difference over 8 is returned as it is.
  public func editDistance(to other: String) -> Int {
    let a = Array(unicodeScalars)
    let b = Array(other.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    if abs(a.count - b.count) > 8 { return abs(a.count - b.count) }
    var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[a.count][b.count]
  }
}

extension String {
  /// The candidate nearest to this word by `editDistance`, ignoring case, when it is close
  /// enough to be a typo (at most a third of the longer one's letters off, 1 to 3); else nil.
  public func closest(among candidates: [String]) -> String? {
    let lowered = lowercased()
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let d = lowered.editDistance(to: candidate.lowercased())
      if best == nil || d < best!.distance { best = (candidate, d) }
    }
    guard let best else { return nil }
    let limit = max(1, min(3, (max(count, best.candidate.count) + 1) / 3))
    return best.distance <= limit ? best.candidate : nil
  }
}

extension String {
  /// The candidate this name most likely means, for a did-you-mean, ignoring case: the `closest`
  /// one when fewer of its letters are off than it has (not `y` for `x`), else the only one that
  /// starts with it (`sepal length` → `sepal length (cm)`), else the only one holding its words
  /// in order (`train_x` → `train_set_x`), else the longest one it extends by whole words
  /// (`train_set_x_orig` → `train_set_x`); nil when none does, or several do.
  public func likelyMeant(among candidates: [String]) -> String? {
    let lowered = lowercased()
    if let close = closest(among: candidates),
      lowered.editDistance(to: close.lowercased()) < count
    {
      return close
    }
    func only(_ test: (String) -> Bool) -> String? {
      let found = candidates.filter { test($0.lowercased()) }
      return found.count == 1 ? found[0] : nil
    }
    let words = lowered.words
    guard !words.isEmpty else { return nil }
    return only { $0.hasPrefix(lowered) }
      ?? only { candidate in
        var rest = candidate.words[...]
        return words.allSatisfy { word in
          guard let k = rest.firstIndex(of: word) else { return false }
          rest = rest[(k + 1)...]
          return true
        }
      }
      ?? candidates.filter { candidate in
        let start = candidate.lowercased()
        guard !start.isEmpty, lowered.hasPrefix(start),
          let next = lowered.dropFirst(start.count).first
        else { return false }
        return !next.isLetter && !next.isNumber
      }.max { $0.count < $1.count }
  }

  /// The runs of letters and digits, in order (`train_set_x` → `train`, `set`, `x`).
  private var words: [Substring] {
    split { !$0.isLetter && !$0.isNumber }
  }
}
