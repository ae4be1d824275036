import Conventions
import Foundation

/// A readable description of data (`runner data show NAME|FILE`): shapes, element types,
/// class balance and the first rows.
public enum DataSummary {
  /// Describes a named dataset (both parts) or a file (every dataset/member/column in it); a
  /// named dataset or catalog file not downloaded yet is downloaded first.
  /// `columns` (`--columns`) picks the columns of a CSV table shown, by name (a value that is
  /// no column's name is split at its commas).
  public static func describe(
    _ nameOrFile: String, loader: DataLoader, rows: Int = 5, columns: [String] = []
  ) throws -> String {
    func noTable(_ what: String) -> DataError {
      .invalidConfiguration("--columns picks columns of a CSV table; \(what)")
    }
    if let dataset = try? Catalog.named(nameOrFile) {
      guard columns.isEmpty else { throw noTable("\(dataset.name) is a named dataset") }
      var text = "\(dataset.name): \(dataset.summary)\n"
      for part in [NamedDataset.Part.train, .test] where part == .train || dataset.test != nil {
        let data = try loader.load(.named(dataset.name, part: part), target: dataset.targetKind)
        text += "\n[\(dataset.test == nil ? "all" : part.rawValue)]\n"
        text += describe(data, rows: rows)
      }
      return text
    }
    // A catalog file named by its path (`catvnoncat/train_catvnoncat.h5`) is downloaded first
    // when absent, as a run reading it would.
    let path = try loader.resolve(nameOrFile)
    let format = try FileFormat.detect(path)
    guard columns.isEmpty || format == .csv else {
      throw noTable("\(path) is an \(format.rawValue) file")
    }
    var text = "\(path): \(format.rawValue)\n"
    switch format {
    case .hdf5:
      for name in try HDF5File.datasetNames(in: path) {
        do {
          let array = try HDF5File.read(path, dataset: name)
          text += "\n[\(name)]\n" + describe(array, rows: rows)
        } catch {
          // A string dataset (class names); a dataset of another element type (compound
          // records) is shown with why it is not read (an error naming the dataset as its
          // origin); otherwise (a damaged dataset) the read's error stands.
          if let strings = try? HDF5File.readStrings(path, dataset: name) {
            text += "\n[\(name)]\nstrings (\(strings.count)): \(strings.joined(separator: ", "))\n"
          } else if case DataError.malformed(let origin, nil, let reason) = error,
            origin == HDF5File.origin(path, name)
          {
            // A dataset without values in the file (null, external) has no shape to show.
            let shape = (try? HDF5File.shape(of: name, in: path)).map(NDArray.describe)
            text += "\n[\(name)]\n\(shape.map { "\($0), " } ?? "")not read: \(reason)\n"
          } else {
            throw error
          }
        }
      }
    case .npz:
      for name in try NPZFile.memberNames(in: path) {
        text += "\n[\(name)]\n" + describe(try NPZFile.read(path, member: name), rows: rows)
      }
    case .npy, .idx:
      text += describe(try ArrayFile.read(path, dataset: nil), rows: rows)
    case .csv:
      try checkTableMemory(path)
      let table = try DataTable.read(path)
      let chosen = columns.flatMap {
        table.header.contains($0) ? [$0] : $0.split(separator: ",").map(String.init)
      }
      let shown = try chosen.isEmpty ? table.shownColumns : chosen.map { try table.columnIndex($0) }
      func cells(_ row: [String]) -> [String] {
        shown.map { $0.map { row[$0].oneLineShort } ?? "…" }
      }
      text +=
        "\(table.rows.count) rows × \(table.header.count) columns"
        + "\(chosen.isEmpty ? "" : ", shown"): \(cells(table.header).joined(separator: ", "))\n"
      // A real-valued target (a regression's) has no class balance.
      if let k = table.header.firstIndex(of: "target") ?? table.header.firstIndex(of: "label"),
        let (indices, names) = try? table.categoricalColumn(table.header[k]),
        let classes = names ?? indices.max().flatMap({ $0 < 50 ? (0...$0).map(String.init) : nil }),
        classes.count <= 50
      {
        text += "class balance (\(table.header[k])): " + balance(indices, classes) + "\n"
      }
      // Cells on one line and short: a 5 MB cell was printed three times, padded to its width.
      text +=
        TextTable(header: cells(table.header), rows: table.rows.prefix(rows).map(cells)).rendered()
        + "\n"
      if chosen.isEmpty, shown.contains(nil) {
        text +=
          "\(table.header.count - shown.count + 1) of \(table.header.count) columns not shown (the first and last "
          + "\(DataTable.edgeColumns) are); `--columns NAME,…` shows the ones named\n"
      }
    }
    return text
  }

  /// Throws when reading the table at `path` whole would take more than the memory budget,
  /// by the estimate a run makes (a 1 GB table took 20 GB and the process was killed), with the
  /// runner's own share (without it, 200000 rows of 51 one-digit cells were admitted at 207 MB
  /// and peaked at 270 MB: a 210 MB cgroup killed it, tester BS-12).
  static func checkTableMemory(_ path: String) throws {
    let shape = StoredShape.of(path)
    let rows = Double(shape.samples ?? 0)
    let needed =
      2 * shape.bytes + rows * Double(shape.valuesPerSample ?? 1) * 16 + rows * 64
      + MemoryBudget.processOverhead
    let budget =
      (try? MemoryBudget.current(environment: ProcessInfo.processInfo.environment)) ?? .system()
    guard needed > budget.limit else { return }
    let exceeded = MemoryBudget.Exceeded(what: "reading it whole", needed: needed, budget: budget)
    throw DataError.malformed(
      file: path, location: nil,
      reason: "\(exceeded): show a part of it (e.g. `head -n 1000` of it into another file), "
        + "or \(budget.raising(toHold: needed))")
  }

  /// Shape, element type, class balance and first rows of loaded samples.
  public static func describe(_ data: LabeledArrays, rows: Int = 5) -> String {
    var text = "features: " + describe(data.features, rows: 0)
    if let names = data.featureNames { text += "feature names: \(names.joined(separator: ", "))\n" }
    if let targets = data.targets {
      text += "targets: \(NDArray.describe(targets.shape)) \(targets.elementType.rawValue)\n"
      if let indices = try? targets.classIndices(), Set(indices).count <= 50 {
        let count = (indices.max() ?? -1) + 1
        text +=
          "class balance: " + balance(indices, data.classNames ?? (0..<count).map(String.init))
          + "\n"
      }
    }
    text += firstRows(data.features, rows: rows)
    return text
  }

  /// Shape, element type, value range and first rows of one array.
  public static func describe(_ array: NDArray, rows: Int = 5) -> String {
    var text = "\(NDArray.describe(array.shape)) \(array.elementType.rawValue)"
    if let (lo, hi, mean) = array.storage.range() {
      text += ", min \(format(lo)), max \(format(hi)), mean \(format(mean))"
    }
    text += "\n"
    if array.rank <= 1, array.elementType.isInteger, let indices = try? array.classIndices(),
      Set(indices).count <= 50
    {
      text += "value counts: " + balance(indices, nil) + "\n"
    }
    return text + (rows > 0 ? firstRows(array, rows: rows) : "")
  }

  static func firstRows(_ array: NDArray, rows: Int) -> String {
    let n = min(rows, array.sampleCount)
    guard n > 0, array.rank > 0 else { return "" }
    let width = array.featureCount
    var text = "first \(n) rows" + (width > 8 ? " (first 8 of \(width) values)" : "") + ":\n"
    for i in 0..<n {
      let cells = (0..<min(width, 8)).map { format(array.storage.double(at: i * width + $0)) }
      text += "  " + cells.joined(separator: "  ") + (width > 8 ? "  …" : "") + "\n"
    }
    return text
  }

  static func balance(_ indices: [Int], _ names: [String]?) -> String {
    var counts: [Int: Int] = [:]
    for i in indices { counts[i, default: 0] += 1 }
    return counts.keys.sorted().map { c in
      let name = names.flatMap { c < $0.count ? $0[c] : nil }
      let label = name.map { $0 == String(c) ? $0 : "\(c) \($0)" } ?? String(c)
      return "\(label): \(counts[c]!)"
    }.joined(separator: ", ")
  }

  static func format(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(format: "%.6g", v)
  }
}
