import Conventions
import Foundation
import Reports

/// Writes a run's files into a hidden staging folder beside the final results folder and swaps
/// it into place at the end, so that a results folder always holds the files of one whole run
/// (never a mix of an old run's and a new one's), and a failure before the swap leaves the
/// previous results untouched.
struct ResultsStaging {
  /// The final results folder.
  let destination: URL
  /// Where files are written until `commit`.
  let staging: URL
  /// Files written so far, relative to the folder, in writing order.
  private(set) var files: [String] = []

  init(destination: URL) throws(PipelineError) {
    self.destination = destination
    let parent = destination.deletingLastPathComponent()
    let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt64(Date().timeIntervalSince1970 * 1e6))"
    staging = parent.appendingPathComponent(".staging-\(destination.lastPathComponent)-\(token)")
    do {
      try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    } catch {
      throw .results(.cannotWrite(path: staging.path, reason: error.localizedDescription))
    }
  }

  /// Writes `text` as `name` (a path relative to the results folder).
  mutating func write(_ text: String, as name: String) throws(PipelineError) {
    try write(bytes: Data(text.utf8), as: name)
  }

  /// Writes binary `bytes` (an `.npy` file, …) as `name`, a path relative to the results folder.
  mutating func write(bytes: Data, as name: String) throws(PipelineError) {
    let url = staging.appendingPathComponent(name)
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
      throw .results(.cannotWrite(path: url.path, reason: error.localizedDescription))
    }
    do { try AtomicFile.write(bytes, to: url) } catch { throw .results(error) }
    files.append(name)
  }

  /// Writes a CSV table as `name`.
  mutating func write(_ table: CSVTable, as name: String) throws(PipelineError) {
    try write(table.rendered, as: name)
  }

  /// Moves the staged files into place, replacing an earlier run's folder as a whole.
  func commit() throws(PipelineError) {
    let fm = FileManager.default
    let trash = staging.deletingLastPathComponent().appendingPathComponent(
      "." + staging.lastPathComponent.dropFirst() + "-old")
    do {
      if fm.fileExists(atPath: destination.path) { try fm.moveItem(at: destination, to: trash) }
      try fm.moveItem(at: staging, to: destination)
      if fm.fileExists(atPath: trash.path) { try fm.removeItem(at: trash) }
    } catch {
      throw .results(.cannotWrite(path: destination.path, reason: error.localizedDescription))
    }
  }

  /// Removes the staging folder (after a failure that leaves nothing to keep).
  func discard() {
    try? FileManager.default.removeItem(at: staging)
  }
}
