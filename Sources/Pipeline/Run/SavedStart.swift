import Foundation
import Specs

/// The networks `model.init.from` holds, read once per run when first asked for and shared by
/// the run's checks against its data, its configuration and its validation-curve points. The
/// first read comes after the run has taken its data files' identities (`DataFilesRead`), so
/// a file changed since is refused as a data file is, not recorded with other bytes.
final class SavedStart: @unchecked Sendable {
  private let lock = NSLock()
  private var read: Result<SavedNetworks?, AnalysisError>?

  /// An empty start: nothing read yet.
  init() {}

  /// `SavedParameters.savedNetworks` of `loaded`, read the first time only (a refusal too).
  func networks(_ loaded: LoadedSpec) throws(AnalysisError) -> SavedNetworks? {
    lock.lock()
    defer { lock.unlock() }
    if read == nil {
      do throws(AnalysisError) {
        read = .success(try SavedParameters.savedNetworks(for: loaded.spec, specFile: loaded.file))
      } catch {
        read = .failure(error)
      }
    }
    return try read!.get()
  }
}
