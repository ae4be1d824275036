import Datasets
import Specs

extension PreparedData {
  /// What the spec's rules on the data judge: classes, target columns, splits, features.
  func facts(in loaded: LoadedSpec) -> DataFacts {
    var facts = DataFacts(
      classes: classCount, targetColumns: train.targets.cols,
      hasDevSamples: (dev?.count ?? 0) > 0, trainSamples: train.count, classNames: classNames,
      features: train.features.cols, targetRange: targetRange, smallestLabel: smallestLabel,
      largestLabel: largestLabel, labelGap: labelGap?.text)
    facts.labelGapPath = labelGap?.reference.specPath(in: loaded)
    return facts
  }

  /// What the prepared data alone shows that the run would not refuse: classes with no training
  /// row and an unnamed feature column (`runner run` says them before training, `runner
  /// validate` as warnings). `dataset`'s source names the given files a class's held-out rows
  /// are in, and its split whether file order held them out.
  func warnings(_ dataset: DatasetSpec) -> [String] {
    emptyClasses(dataset) + unnamedFeatures + rowNumbers
  }

  /// A feature column with an empty name (pandas writes its index so: `,a,b`) is trained on
  /// like the others. One warning, or none.
  private var unnamedFeatures: [String] {
    guard let i = featureNames?.firstIndex(of: "") else { return [] }
    return [
      "feature column \(i + 1) has an empty name (a pandas index?) and is trained on; "
        + "list the features in dataset.features to leave it out"
    ]
  }

  /// Feature columns that number the rows (`rowNumberColumns`) and are named as an ID
  /// (`namesAnID`; not one with an empty name, warned of above), trained on by default: a
  /// `month` 1…60 is a time index, a feature. One warning, or none.
  private var rowNumbers: [String] {
    let columns = rowNumberColumns.filter { !$0.isEmpty && Self.namesAnID($0) }
    guard !columns.isEmpty else { return [] }
    let names = columns.map { "'\($0)'" }.joined(separator: ", ")
    let one = columns.count == 1
    return [
      "feature column\(one ? "" : "s") \(names) number\(one ? "s" : "") the rows in file order "
        + "(an ID, not a feature) and \(one ? "is" : "are") trained on; list the features in "
        + "dataset.features to leave \(one ? "it" : "them") out, or drop \(one ? "it" : "them") "
        + "from the file"
    ]
  }

  /// Whether a column's name says it is an identifier: a word of it (split at what is no letter
  /// or digit, and before an upper-case letter after a lower-case one) is id, idx, index, no,
  /// nr, num, number, row or unnamed (pandas' `Unnamed: 0`): `PassengerId`, `customer_ID`,
  /// `RowNumber`, `sample_no`; not `month`, `year` or `t`.
  static func namesAnID(_ name: String) -> Bool {
    var (words, word, previous) = ([String](), "", Character(" "))
    for c in name {
      if !c.isLetter && !c.isNumber || c.isUppercase && previous.isLowercase {
        (words, word) = (words + [word], "")
      }
      if c.isLetter || c.isNumber { word.append(c) }
      previous = c
    }
    let names: Set = ["id", "idx", "index", "no", "nr", "num", "number", "row", "unnamed"]
    return (words + [word]).contains { names.contains($0.lowercased()) }
  }

  /// The class indices no training row has.
  var classesWithoutTrainingRows: [Int] {
    guard let count = classCount, let labels = train.classIndices else { return [] }
    var seen = [Bool](repeating: false, count: count)
    for label in labels where seen.indices.contains(label) { seen[label] = true }
    return seen.indices.filter { !seen[$0] }
  }

  /// The held-out rows (train-dev, dev, test) of the classes no training row has: a split that
  /// put a whole class out of training (rows in class order, unshuffled).
  var heldOutRowsOfUntrainedClasses: (classes: [Int], rows: Int) {
    let untrained = Set(classesWithoutTrainingRows)
    guard !untrained.isEmpty else { return ([], 0) }
    let labels = [trainDev, dev, test].compactMap { $0?.classIndices }.joined()
    let held = labels.filter { untrained.contains($0) }
    return (Set(held).sorted(), held.count)
  }

  /// The given held-out files (`dataset: {train:, dev:, test:}`) that hold rows of the classes
  /// no training row has, as `dataset.dev (dv.csv)`; empty when `split` divided one source.
  func heldOutFilesOfUntrainedClasses(_ source: DatasetSpec.Source) -> [String] {
    guard case .files(_, let devFile, let testFile) = source else { return [] }
    let untrained = Set(classesWithoutTrainingRows)
    func holds(_ part: Partition<T>?) -> Bool {
      part?.classIndices?.contains(where: untrained.contains) == true
    }
    return [("dev", devFile, dev), ("test", testFile, test)].compactMap { key, file, part in
      guard let file, holds(part) else { return nil }
      return "dataset.\(key) (\(file.file))"
    }
  }

  /// Class indices with no training row (labels 0, 1, 2 and 7 make classes 3 to 6): the model
  /// keeps an output for each that never learns. When no set has rows of some of them, the
  /// labels that leave them out are named (`labelGap`: a stray 7 at its line); named classes
  /// that no set has rows of (`dataset.classes: [a, b, c, zz]`) are said apart, by name; the
  /// split holding out all their rows in file order (`shuffle: false`) is advised to shuffle,
  /// as the run's diagnosis advises. At most two warnings.
  private func emptyClasses(_ dataset: DatasetSpec) -> [String] {
    let source = dataset.source
    guard let count = classCount else { return [] }
    var empty = classesWithoutTrainingRows
    guard !empty.isEmpty else { return [] }
    var absentNames: [String] = []
    if let names = classNames, names.count == count {
      let held = Set(heldOutRowsOfUntrainedClasses.classes)
      let absent = empty.filter { !held.contains($0) }
      empty = empty.filter(held.contains)
      absentNames = absent.isEmpty ? [] : [Self.namedWithoutRows(absent, names)]
    }
    guard !empty.isEmpty else { return absentNames }
    let shown =
      empty.prefix(10).map(String.init).joined(separator: ", ")
      + (empty.count > 10 ? ", …" : "")
    let one = empty.count == 1
    // Labels 1 to k−1 and no names: 1-based, not a class without rows.
    let oneBased = empty == [0] && smallestLabel == 1 && classNames == nil
    // Every one of them in a held-out part: the split (or the given files), not the labels,
    // left them out.
    let heldOut = heldOutRowsOfUntrainedClasses.classes == empty
    let files = heldOutFilesOfUntrainedClasses(source)
    let (them, its) = one ? ("it", "its") : ("them", "their")
    // Classes no part has (labels 0, 1 and one 5): where the labels leave them out is said.
    let cause: String
    if oneBased {
      cause = ": " + LabelChecks.oneBased(count - 1, names: nil)
    } else if let labelGap {
      cause = ": \(labelGap.text)"
    } else if heldOut && !files.isEmpty {
      cause =
        " (\(its) rows are in \(files.joined(separator: " and ")), none in dataset.train's "
        + "file: add rows of \(them) to the training file, or remove \(its) rows from the "
        + "held-out \(files.count == 1 ? "file" : "files"))"
    } else if heldOut && !dataset.split.shuffle {
      cause =
        " (the split holds out all \(its) rows: `shuffle: false` takes the parts in file order, "
        + "which put whole classes in one part; shuffle it (`dataset.split.shuffle: true`))"
    } else if heldOut {
      cause = " (the split holds out all \(its) rows: give the training part more rows)"
    } else {
      cause = " (labels are class indices 0 to k−1: renumber them, or check the split)"
    }
    return absentNames + [
      "class\(one ? "" : "es") \(shown) of 0-\(count - 1) \(one ? "has" : "have") no training "
        + "rows, so \(one ? "its output" : "their outputs") never learn\(one ? "s" : "")" + cause
    ]
  }

  /// The warning for named classes (`absent`, indices into `names`) that no set has a row of:
  /// a name the spec lists but the data lacks, not labels to renumber.
  private static func namedWithoutRows(_ absent: [Int], _ names: [String]) -> String {
    let one = absent.count == 1
    let shown =
      absent.prefix(10).map { "'\(names[$0].oneLineShort)'" }.joined(separator: ", ")
      + (absent.count > 10 ? ", … (\(absent.count) in all)" : "")
    return "class\(one ? "" : "es") \(shown) \(one ? "has" : "have") no rows in the data (in no "
      + "set), so \(one ? "its output" : "their outputs") never learn\(one ? "s" : ""): remove "
      + "\(one ? "the name" : "the names") from dataset.classes, or check the target column"
  }
}
