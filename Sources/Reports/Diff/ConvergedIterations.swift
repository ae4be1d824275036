/// The allowance for optimizers that stop when they converge: two runs whose arithmetic
/// rounds differently (another BLAS kernel) can meet the same tolerance a few iterations
/// apart. With `DiffOptions.convergedIterationTolerance` = r, a row whose `stop_reason` is
/// `converged at iteration N` on both sides may differ in `iterations` and `stop_reason` when
/// |N_A − N_B| ≤ r·max(N_A, N_B); then the step rows of that run's `metrics.csv` from the
/// earlier convergence on may exist on one side only. Every other cell keeps its tolerance.
enum ConvergedIterations {
  static let prefix = "converged at iteration "

  /// `files` with the differences the allowance covers removed.
  static func allow(_ files: [TableDiff], tolerance: Double) -> [TableDiff] {
    var files = files
    var convergedAt: [String: Int] = [:]  // folder -> the earlier convergence iteration
    for index in files.indices where files[index].name.hasSuffix("summary.csv") {
      let folder = folderOf(files[index].name)
      let rows = Dictionary(grouping: files[index].changes, by: \.row)
      var allowedRows: Set<String> = []
      for (row, changes) in rows {
        guard let reason = changes.first(where: { $0.column == "stop_reason" }),
          let a = iteration(reason.old), let b = iteration(reason.new),
          Double(abs(a - b)) <= tolerance * Double(max(a, b)),
          changes.allSatisfy({ $0.column != "iterations" || ($0.old == "\(a)" && $0.new == "\(b)") }
          )
        else { continue }
        allowedRows.insert(row)
        if row == "row 1" { convergedAt[folder] = min(a, b) }
      }
      files[index].changes.removeAll {
        allowedRows.contains($0.row) && ($0.column == "iterations" || $0.column == "stop_reason")
      }
    }
    for index in files.indices where files[index].name.hasSuffix("metrics.csv") {
      guard let last = convergedAt[folderOf(files[index].name)] else { continue }
      // Rows on one side only, from the earlier convergence on (each run's history ends with
      // its own final state).
      let beyond = { (key: String) -> Bool in
        guard let step = stepNumber(key) else { return false }
        return step >= last
      }
      files[index].missingRows.removeAll(where: beyond)
      files[index].newRows.removeAll(where: beyond)
    }
    return files
  }

  /// N of `converged at iteration N`.
  static func iteration(_ reason: String) -> Int? {
    guard reason.hasPrefix(prefix) else { return nil }
    return Int(reason.dropFirst(prefix.count))
  }

  /// K of a row key `iteration=K` or `epoch=K`.
  private static func stepNumber(_ key: String) -> Int? {
    for column in ["iteration=", "epoch="] where key.hasPrefix(column) {
      return Int(key.dropFirst(column.count))
    }
    return nil
  }

  private static func folderOf(_ name: String) -> String {
    guard let slash = name.lastIndex(of: "/") else { return "" }
    return String(name[..<slash])
  }
}
