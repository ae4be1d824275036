import Conventions
import Foundation

/// Everything that can go wrong while finding, reading, checking or transforming data.
///
/// Each case names the file and, where it applies, the dataset, row, column or byte offset,
/// and says how to fix it. `exitCode` follows the runner's conventions: 66 for a missing
/// file, 65 for everything else (bad data).
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A relative file name was not found in any search directory (or an absolute path does
  /// not exist). `searched` lists every candidate path tried, in order.
  case fileNotFound(name: String, searched: [String])
  /// The file exists but could not be opened or read (permissions, a directory, I/O error).
  case unreadable(file: String, reason: String)
  /// A file the runner makes (a download in its cache) could not be made or written (a full
  /// disk, a cache folder that is a file).
  case unwritable(file: String, reason: String)
  /// The file's format is wrong or damaged at a known place (`location`: "offset 16",
  /// "row 7, column 'age'", "dataset 'train_set_x'").
  case malformed(file: String, location: String?, reason: String)
  /// An HDF5 file or NPZ archive has no dataset / member of that name (the message names the
  /// one of `available` a typo most likely meant, never one of `besides`: the names the same
  /// source gives the other role, the features' for a target).
  case datasetNotFound(
    file: String, dataset: String, available: [String], besides: [String] = [])
  /// Values that are read correctly but unusable: NaN where not allowed, labels out of range,
  /// counts that do not match.
  case invalidValues(file: String, location: String?, reason: String)
  /// A shape that the requested operation cannot take (e.g. a 4-D array without `flatten`).
  case shapeMismatch(String)
  /// A bad configuration value passed by the caller (fractions that do not sum to one, an
  /// unknown named dataset, a generator parameter out of range).
  case invalidConfiguration(String)
  /// A CSV table with a header line and no data rows (`header`: its fields); `forPrediction`
  /// rows were wanted to predict (`features`: the model's feature columns, when named), not to
  /// learn from.
  case noRows(
    file: String, header: [String], forPrediction: Bool = false, features: [String]? = nil)
  /// Features of shape `shape` holding no sample (`(0, 3)`) or no value per sample (`(12, 0)`);
  /// `forPrediction`: the rows were wanted to predict, not to learn from, by a model taking
  /// samples of `sampleShape` (one training sample's).
  case emptyFeatures(
    file: String, shape: [Int], forPrediction: Bool = false, sampleShape: [Int]? = nil)
  /// A picture (`format`: PNG, JPEG, GIF, BMP, by its magic number) where an array was wanted;
  /// `sampleShape`: one training sample's shape, when known, for the conversion's advice.
  case image(file: String, format: String, sampleShape: [Int]? = nil)
  /// A checksum that does not match the catalog; `help` says how to get a good copy of the file
  /// where it was found (nil: the general advice).
  case checksumMismatch(file: String, expected: String, actual: String, help: String? = nil)
  /// A download failed.
  case downloadFailed(url: String, reason: String)
  /// A named dataset's file is neither on the search path nor downloadable. `attempts` lists
  /// each mirror tried and why it failed ("URL: reason"); `canFetch` says whether the dataset
  /// has download mirrors at all (then `runner data fetch NAME` is the remedy when online).
  case namedDatasetMissing(
    dataset: String, file: String, searched: [String], attempts: [String], canFetch: Bool,
    howToGet: String)

  /// The process exit status this error maps to: 66 for a missing input, 65 otherwise.
  public var exitCode: ExitStatus {
    switch self {
    case .fileNotFound, .unreadable: return .noInput
    case .unwritable: return .cannotCreate
    case .downloadFailed, .namedDatasetMissing: return .noInput
    default: return .dataError
    }
  }

  /// The message for the user: what is wrong and where, with a `help:` line where there is a fix.
  public var description: String { message(firstLookedIn: "beside the spec") }

  /// The message, where a missing file's remedy names the folder a relative path is looked for
  /// in first (`beside the spec`; `in the current folder` for `runner data show`).
  public func message(firstLookedIn first: String) -> String {
    switch self {
    case .fileNotFound(let name, let searched):
      var text = "data file '\(name)' not found"
      if searched.isEmpty {
        text += " (no search directories configured)"
      } else {
        text += "; looked in:"
        for path in searched { text += "\n  \(path)" }
      }
      text += "\nhelp: give an absolute path, put the file \(first), set RUNNER_DATA_PATH"
      text += " (colon-separated directories), or add its directory to `data_path` in runner.yaml"
      return text
    case .unreadable(let file, let reason):
      return "\(file): cannot read: \(reason)"
    case .unwritable(let file, let reason):
      return "\(file): cannot write: \(reason)"
    case .malformed(let file, let location, let reason):
      return "\(file)\(location.map { " (\($0))" } ?? ""): \(reason)"
    case .datasetNotFound(let file, let dataset, let available, let besides):
      let list = available.isEmpty ? "none" : available.map { "'\($0)'" }.joined(separator: ", ")
      let guess = dataset.likelyMeant(among: available.filter { !besides.contains($0) }).map {
        "; did you mean '\($0)'?"
      }
      return "\(file): no dataset named '\(dataset)'; available: \(list)\(guess ?? "")"
    case .invalidValues(let file, let location, let reason):
      return "\(file)\(location.map { " (\($0))" } ?? ""): \(reason)"
    case .noRows(let file, let header, let forPrediction, let features):
      return "\(file) (line 1): the table has a header and no rows: "
        + (forPrediction
          ? Self.headerOnlyAdvice(header, features: features)
          : "there is no sample to learn from")
    case .emptyFeatures(let file, let shape, let forPrediction, let sampleShape):
      return "\(file): the features' shape \(NDArray.describe(shape)) holds "
        + Self.emptyAdvice(shape, forPrediction: forPrediction, sampleShape: sampleShape)
    case .image(let file, let format, let sampleShape):
      return "\(file): a \(format) image (its magic number says so): the runner reads arrays "
        + "(CSV, HDF5, NPY, NPZ or IDX), not pictures\nhelp: "
        + Self.imageAdvice(file, sampleShape: sampleShape)
    case .shapeMismatch(let reason):
      return reason
    case .invalidConfiguration(let reason):
      return reason
    case .checksumMismatch(let file, let expected, let actual, let help):
      return "\(file): SHA-256 checksum mismatch: expected \(expected), got \(actual)"
        + "\nhelp: \(help ?? "the file is damaged or a different version; delete it and fetch it again")"
    case .downloadFailed(let url, let reason):
      return "download of \(url) failed: \(reason)"
    case .namedDatasetMissing(let dataset, let file, _, let attempts, _, _):
      var text = "dataset '\(dataset)': file '\(file)' is on no data search path"
      text += attempts.isEmpty ? "" : " and could not be downloaded"
      return text + "\n" + namedDatasetMissingDetails
    }
  }

  /// Where a named dataset's file was looked for, which mirrors failed and how to get it.
  var namedDatasetMissingDetails: String {
    guard
      case .namedDatasetMissing(
        let dataset, let file, let searched, let attempts, let canFetch, let howToGet) = self
    else { return "" }
    var text = "looked in:\n" + searched.map { "  \($0)\n" }.joined()
    if !attempts.isEmpty {
      text += "tried the mirrors, in order:\n" + attempts.map { "  \($0)\n" }.joined()
    }
    if canFetch {
      text +=
        "help: when online, run `\(Invocation.commandLine(["data", "fetch", dataset]))` "
        + "(downloads into the cache and checks the SHA-256)\nhelp: or "
    } else {
      text += "help: "
    }
    let folder = PathText.folder(of: file)
    let holding = folder.isEmpty ? "'\((file as NSString).lastPathComponent)'" : "\(folder)/"
    return text + "\(howToGet), and point RUNNER_DATA_PATH at the folder that holds \(holding) "
      + "(e.g. `RUNNER_DATA_PATH=/path/to/datasets \(Invocation.commandLine(["run", "SPEC"]))`; "
      + "colon-separated folders) "
      + "or add that folder to `data_path` in runner.yaml"
  }
}

extension DataError {
  /// What features of shape `shape` lack (a sample, or a value per sample), and what to do:
  /// learning needs samples of values; `forPrediction`, the model takes `sampleShape`.
  static func emptyAdvice(_ shape: [Int], forPrediction: Bool, sampleShape: [Int]?) -> String {
    if shape.first == 0 {
      return forPrediction
        ? "no sample: there is no row to predict; save the array with a row per sample to predict"
        : "no sample: there is nothing to learn from; save the array with its rows"
    }
    guard forPrediction else { return "no value per sample: there is nothing to learn from" }
    let taken = sampleShape.map { s in
      s.count == 1 ? "\(s[0]) value\(s[0] == 1 ? "" : "s")" : "shape \(NDArray.describe(s))"
    }
    return "no value per sample: there is nothing to predict from; the model takes "
      + (taken.map { "\($0) per sample" } ?? "the training data's values per sample")
  }

  /// What to do about a prediction table whose only line was read as its header: name the
  /// columns in a first line when that line is values, else add rows of values below it.
  static func headerOnlyAdvice(_ header: [String], features: [String]?) -> String {
    // A header of names (`x1,x2,target`) is a header: the values are what is missing.
    guard header.allSatisfy({ DataTable.finiteNumber($0) != nil }) else {
      return "there is no row to predict below it; add a line of values per sample under the "
        + "header"
    }
    let line = header.joined(separator: ",").oneLineShort
    let shown = features.map { names in
      names.prefix(10).joined(separator: ",")
        + (names.count > 10 ? ",… (\(names.count) in all)" : "")
    }
    return "the first line is read as the header (the column names), so '\(line)' named "
      + "columns and left nothing to predict; add a first line naming the features"
      + (shown.map { ", `\($0)`," } ?? " (one name per column)") + " above the values"
  }

  /// How to turn the picture `file` into a `.npy` array of one sample (a leading sample axis),
  /// resized to `sampleShape` (height, width[, channels]) when that is known.
  static func imageAdvice(_ file: String, sampleShape: [Int]?) -> String {
    let name = (file as NSString).lastPathComponent
    let npy = ((name as NSString).deletingPathExtension as String) + ".npy"
    var image = "Image.open('\(name)')"
    var axes = "[None]"
    var size = ""
    switch sampleShape {
    case let shape? where shape.count == 3 && (shape[2] == 3 || shape[2] == 1):
      image += ".convert('\(shape[2] == 3 ? "RGB" : "L")').resize((\(shape[1]), \(shape[0])))"
      if shape[2] == 1 { axes = "[None, ..., None]" }
      size = ", resized to the training samples' \(shape[0])×\(shape[1])"
    case let shape? where shape.count == 2:
      image += ".convert('L').resize((\(shape[1]), \(shape[0])))"
      size = ", resized to the training samples' \(shape[0])×\(shape[1])"
    default: image += ".convert('RGB')"
    }
    let shape = sampleShape.map { " (shape \(NDArray.describe([1] + $0)))" } ?? ""
    return "save its pixels as a .npy array with a leading sample axis\(size)\(shape): "
      + "`python3 -c \"import numpy as np; from PIL import Image; "
      + "np.save('\(npy)', np.asarray(\(image))\(axes))\"` and give \(npy)"
  }
}
