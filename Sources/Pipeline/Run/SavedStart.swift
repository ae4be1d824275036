import Conventions
import Foundation
import Specs

/// The networks `model.init.from` holds, read once per run when first asked for (by the check
/// before the run, `ExperimentRunner.initParameters`, else by the run) and shared by the run's
/// checks against its data, its configuration and its validation-curve points. The identities
/// of the files are taken just before they are read: the run's `DataFilesRead` takes them from
/// here, so a file changed since it was read is refused as a data file is, not recorded with
/// other bytes than the run started from; and the files it read are the ones the run digests,
/// so an array added to the folder since is refused too (`DataFilesRead.startChange`), not
/// recorded as one the run started from.
final class SavedStart: @unchecked Sendable {
  private let lock = NSLock()
  private var read: Result<(networks: SavedNetworks, zeroed: [String])?, AnalysisError>?
  /// The identities of the files read, by path, taken before they were read.
  private var identities: [String: FileIdentity] = [:]
  /// The files read (`SavedParameters.initFiles` then), in reading order; nil before the read.
  private var files: [(name: String, path: String)]?

  /// An empty start: nothing read yet.
  init() {}

  /// `SavedParameters.savedNetworks` of `loaded`, read the first time only (a refusal too).
  func networks(_ loaded: LoadedSpec) throws(AnalysisError) -> SavedNetworks? {
    try start(loaded)?.networks
  }

  /// `SavedParameters.readStart` of `loaded`: the networks and the notes on values the spec's
  /// dtype holds as 0, read the first time only (a refusal too).
  func start(_ loaded: LoadedSpec) throws(AnalysisError) -> (
    networks: SavedNetworks, zeroed: [String]
  )? {
    lock.lock()
    defer { lock.unlock() }
    if read == nil {
      let files = SavedParameters.initFiles(for: loaded.spec, specFile: loaded.file)
      for file in files {
        identities[file.path] = FileIdentity(path: file.path)
      }
      self.files = files
      do throws(AnalysisError) {
        read = .success(try SavedParameters.readStart(for: loaded.spec, specFile: loaded.file))
      } catch {
        read = .failure(error)
      }
    }
    return try read!.get()
  }

  /// The identity the file at `path` had before it was read; nil when it was not read (yet).
  func identity(before path: String) -> FileIdentity? {
    lock.withLock { identities[path] }
  }

  /// The files `model.init.from` held when they were read (`SavedParameters.initFiles`, each
  /// named as written and with its path); nil when they were not read (yet).
  var filesRead: [(name: String, path: String)]? {
    lock.withLock { files }
  }
}
