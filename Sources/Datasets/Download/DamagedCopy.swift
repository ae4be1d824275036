import Conventions
import Foundation

extension DatasetFetcher {
  /// How to get a good copy of `file` of `dataset` in place of the one at `path`, whose
  /// checksum is wrong. The copy in the runner's download cache is deleted by the user and
  /// fetched again (`runner data fetch` verifies a copy it finds and never replaces it). A copy
  /// elsewhere on the data search path is found before the cache, so a fetch alone does not help:
  /// it is replaced, or moved off the path, the user's call; the runner never removes it.
  func remedy(forDamaged path: String, _ file: CatalogFile, of dataset: NamedDataset) -> String {
    let fetch = "`\(Invocation.commandLine(["data", "fetch", dataset.name]))`"
    let canFetch = !urls(for: file).isEmpty
    let cached = cachedPath(of: file)
    if [cached, cached + ".gz"].contains(DataLocator.standardized(path)) {
      return "the copy in the runner's download cache is damaged or incomplete: delete \(path), "
        + (canFetch
          ? "then run \(fetch) to download it again (a fetch keeps a copy it finds)"
          : "then get a good copy: \(dataset.howToGet)")
    }
    return "this copy of '\(file.path)', a file of dataset '\(dataset.name)', is damaged or "
      + "another version, and it is found before the download cache: replace \(path) with a good copy, "
      + "or move it out of the data search path"
      + (canFetch
        ? " and run \(fetch) (it downloads a checked copy into \(cacheDirectory))"
        : " (to get one: \(dataset.howToGet))")
  }
}

extension DatasetFetcher {
  /// The copy at `path` of the file a spec names `name`, whose content (`SHA256Digest.content`,
  /// a gzip copy inflated) has SHA-256 `digest`, when `name` is a catalog dataset's path
  /// (`catvnoncat/train_catvnoncat.h5`) and the copy is not the catalog's: its SHA-256 and the
  /// catalog's (the content's, or the bytes' of a `.gz` file whose content's is not known) and
  /// how to get the checked copy. Such a copy is read as the user's own (a variant of theirs
  /// keeps working), so it is warned of, not refused as `name: DATASET` refuses it. nil when
  /// it is the catalog's, or `name` is no catalog path.
  public func uncheckedCopy(_ name: String, at path: String, contentSHA256 digest: String)
    -> (actual: String, expected: String, remedy: String)?
  {
    guard name.contains("/"), let (dataset, file) = Catalog.file(at: name) else { return nil }
    let content = file.path.hasSuffix(".gz") ? file.contentSHA256 : file.sha256
    guard
      let (actual, expected) = content.map({ (digest, $0) })
        ?? (try? file.checksum(of: path)).map({ ($0, file.expectedSHA256(of: path)) }),
      actual != expected
    else { return nil }
    return (actual, expected, remedy(forDamaged: path, file, of: dataset))
  }
}

extension DataLoader {
  /// `failure` with how to get a good copy added, when it is a damaged file (`malformed`) that
  /// `source` names by a catalog path (`file: catvnoncat/train_catvnoncat.h5`), that was found
  /// on the data search path and whose SHA-256 is not the catalog's (hashed only on failure): the runner reads such a copy as the user's own, unverified, so the
  /// damage shows as a broken HDF5, IDX or CSV file, which a good copy of the dataset's file cures.
  func addingRemedy(to failure: DataFailure, readingFrom source: DataSource) -> DataFailure {
    guard case .malformed(let file, let location, let reason) = failure.error,
      !reason.contains("\nhelp: ")
    else {
      return failure
    }
    let names: [String]
    switch source {
    case .arrays(let features, let target):
      names = [features.file] + (target.map { [$0.file] } ?? [])
    case .table(let file, _, _, _): names = [file]
    case .named, .generated: return failure
    }
    for name in names {
      // A bare name (`iris.csv`) may well be the user's own file; a copy whose checksum is the
      // catalog's is not damaged (the error is the spec's).
      guard name.contains("/"), let entry = Catalog.file(at: name),
        let path = try? locator.resolve(name), file == path || file.hasPrefix(path + ","),
        (try? entry.file.checksum(of: path)) != entry.file.expectedSHA256(of: path)
      else { continue }
      let help = fetcher.remedy(forDamaged: path, entry.file, of: entry.dataset)
      return DataFailure(
        .malformed(file: file, location: location, reason: reason + "\nhelp: " + help),
        at: failure.reference)
    }
    return failure
  }
}
