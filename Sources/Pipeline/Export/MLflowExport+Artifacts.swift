import Foundation

extension MLflowExport {
  /// The tag holding a checksum of the files a run was sent with (`filesChecksum`).
  static let filesTag = "runner.artifacts"

  /// Whether `same`, an earlier export of the folder with the same fingerprint, is sent again:
  /// it went without artifacts (its artifact URI is not one the server serves) and the
  /// experiment's artifact location, `location`, now is one (tester BL-4: a server restarted
  /// with `--serve-artifacts`, its experiment made anew).
  static func resends(_ same: MLflowClient.FoundRun, location: String?) -> Bool {
    guard artifactPath(same.artifactURI) == nil else { return false }
    return location.map { artifactPath($0) != nil } ?? false
  }

  /// Sends the files of `read` into `same`, sent with artifacts before, when they changed since
  /// (their checksum, tag `runner.artifacts`: an event file or `summary.json` exported after
  /// it, tester BL-3), and tags the new checksum; how many were sent, nil when none was. A run
  /// sent before its files were tagged is left as it is.
  func refreshArtifacts(of same: MLflowClient.FoundRun, with read: FolderRead)
    async throws(ExportError) -> Int?
  {
    let checksum = Self.filesChecksum(read)
    guard let root = Self.artifactPath(same.artifactURI),
      let sent = same.tags[Self.filesTag], sent != checksum
    else { return nil }
    for file in read.files {
      guard let bytes = file.bytes else {
        let path = read.run.folder.appendingPathComponent(file.name).path
        throw .unreadable(path: path, reason: "cannot read the file")
      }
      try await client.upload(bytes, to: "\(root)/\(file.name)")
    }
    try await client.logBatch(
      run: same.id, params: [], metrics: [], tags: [(Self.filesTag, checksum)])
    return read.files.count
  }

  /// A checksum of the files of `read` (their names and bytes), tag `runner.artifacts`.
  static func filesChecksum(_ read: FolderRead) -> String {
    var bytes: [UInt8] = []
    for file in read.files {
      bytes += Array(file.name.utf8) + [0] + (file.bytes ?? []) + [0]
    }
    let crc = String(CRC32C.checksum(bytes), radix: 16)
    return String(repeating: "0", count: 8 - crc.count) + crc + "-\(bytes.count)"
  }

  /// The artifact location of the experiment of `run`, found: its artifact URI without the
  /// run's own `/<id>/artifacts` (MLflow's layout), else the whole URI.
  static func location(_ run: MLflowClient.FoundRun) -> String {
    location(run.id, run.artifactURI)
  }

  /// The experiment's artifact location in run `id`'s artifact URI `uri`.
  static func location(_ id: String, _ uri: String) -> String {
    let tail = "/\(id)/artifacts"
    return uri.hasSuffix(tail) ? String(uri.dropLast(tail.count)) : uri
  }
}

extension MLflowExport {
  /// Why a run went without artifacts, and the remedy, for an experiment whose artifact
  /// location `location` the server does not serve: MLflow fixes it when it creates the
  /// experiment, so restarting the server with `--serve-artifacts` alone changes nothing.
  public static func unservedNote(_ location: String) -> String {
    "the experiment's artifact location \(location), fixed when it was created, is not one the "
      + "server serves: with the server started with --serve-artifacts, export into a new "
      + "experiment (--experiment NAME), or rename this one (mlflow experiments rename) and "
      + "export again"
  }
}
