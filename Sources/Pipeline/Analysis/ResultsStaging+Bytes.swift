import Foundation
import Reports

extension ResultsStaging {
  /// Writes binary `bytes` (e.g. an `.npy` file) as `name`, a path relative to the results
  /// folder.
  ///
  /// The file is not added to `files` (its setter belongs to `ResultsStaging`); once
  /// `ResultsStaging` gains a binary `write`, this helper should go.
  func writeBinary(_ bytes: [UInt8], as name: String) throws(PipelineError) {
    do { try AtomicFile.write(Data(bytes), to: staging.appendingPathComponent(name)) } catch {
      throw .results(error)
    }
  }
}
