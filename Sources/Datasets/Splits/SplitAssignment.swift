import Engine

/// Which part of the run each row of the dataset's sources goes to, as the split and the
/// train-dev carve assign them: what `runner data split` lists, so that a peer (scikit-learn,
/// a notebook) can train and score on exactly the run's rows.
public struct SplitAssignment: Sendable, Equatable {
  /// The part a row goes to; `allCases` is the order parts are listed and exported in.
  public enum Part: String, Sendable, Equatable, CaseIterable {
    case train
    case trainDev = "train_dev"
    case dev, test
    /// A row no part takes: split counts below the rows leave the others out.
    case unused
  }

  /// One source's rows, in its own order (a table's data rows, an array's first axis, a
  /// generator's output, a named dataset's rows as `runner data show` lists them).
  public struct SourceRows: Sendable, Equatable {
    /// `data` for the one source the split divides; `train`, `dev` or `test` for a given set
    /// (`dataset.train`, …, or a named dataset's own training and test parts).
    public var name: String
    /// The part of each row.
    public var parts: [Part]
  }

  /// The sources, the training one first.
  public var sources: [SourceRows]

  /// The training rows of the first source in the order the run holds them (ascending).
  public var trainingRows: [Int] {
    sources.first.map { source in source.parts.indices.filter { source.parts[$0] == .train } }
      ?? []
  }

  /// Each training row's position in a learning curve's nested draw (`Splitter.nestedOrder`
  /// with `seed`), by row of the first source; nil for the other rows. A point of `n` rows
  /// trains on the rows whose position is below `n`.
  public func learningCurveOrder(seed: UInt64) -> [Int?] {
    let rows = trainingRows
    var positions = [Int?](repeating: nil, count: sources.first?.parts.count ?? 0)
    for (position, index) in Splitter.nestedOrder(count: rows.count, seed: seed).enumerated() {
      positions[rows[index]] = position
    }
    return positions
  }

  /// The assignment of a first source of `total` rows divided into `parts` (rows of the
  /// source) and whose training part (`train`) the carve divided into `carved` (indices into
  /// `train`); `given`, the first source is a given training set, beside given sets of the
  /// counts `others` (part and rows).
  init(
    total: Int, parts: (train: [Int], dev: [Int], test: [Int]),
    carved: (train: [Int], trainDev: [Int]), given: Bool, others: [(Part, Int)]
  ) {
    var first = [Part](repeating: .unused, count: total)
    for row in parts.dev { first[row] = .dev }
    for row in parts.test { first[row] = .test }
    for index in carved.train { first[parts.train[index]] = .train }
    for index in carved.trainDev { first[parts.train[index]] = .trainDev }
    sources =
      [SourceRows(name: given ? "train" : "data", parts: first)]
      + others.map { SourceRows(name: $0.rawValue, parts: Array(repeating: $0, count: $1)) }
  }
}
