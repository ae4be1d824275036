/// The datasets a spec may name (`dataset: {name: iris}`), declared once for the spec and the
/// data layer, whose catalog holds their files (`Datasets/Catalog`).
public enum DatasetName: String, Sendable, CaseIterable {
  case catvnoncat, mnist
  case fashionMNIST = "fashion-mnist"
  case diabetes, iris
  case breastCancer = "breast_cancer"
  case digits, wine

  /// True for the datasets that ship their own test part (used unless the split asks for a test
  /// part, which then comes out of the training part).
  public var shipsTestPart: Bool { [.catvnoncat, .mnist, .fashionMNIST].contains(self) }
  /// True for the datasets whose target is a class (all but diabetes, a regression).
  public var hasClasses: Bool { classNames != nil }
  /// The classes' names by index, as the catalog reads them (nil for diabetes, a regression):
  /// the spec knows a named dataset's class count from them before any data is read.
  public var classNames: [String]? {
    switch self {
    case .catvnoncat: ["non-cat", "cat"]
    case .mnist, .digits: (0...9).map(String.init)
    case .fashionMNIST:
      [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
        "Ankle boot",
      ]
    case .diabetes: nil
    case .iris: ["setosa", "versicolor", "virginica"]
    case .breastCancer: ["malignant", "benign"]
    case .wine: ["class_0", "class_1", "class_2"]
    }
  }
}

/// The data file formats, as specs name them (`format: hdf5`); the data layer reads them and
/// recognizes them by their magic numbers (`FileFormat.detect` in `Datasets/Formats`).
public enum FileFormat: String, Sendable, CaseIterable {
  case csv, hdf5, npy, npz, idx

  /// The format implied by a file name's extension, if any (`.csv`, `.h5`/`.hdf5`, `.npy`,
  /// `.npz`, `*-ubyte`, `.idx`), a trailing `.gz` aside: `digits.csv.gz` is a CSV table (the
  /// loader reads it compressed, and names a compressed array container as such).
  public static func inferred(from path: String) -> FileFormat? {
    let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
    let base = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
    if base.hasSuffix("-ubyte") || base.hasSuffix(".idx") || base.contains("-idx") { return .idx }
    if base.hasSuffix(".h5") || base.hasSuffix(".he5") { return .hdf5 }
    return allCases.first { base.hasSuffix("." + $0.rawValue) }
  }
}
