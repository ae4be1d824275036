import Foundation
import Testing

@testable import Pipeline
@testable import Reports

/// A run's staged writes when the file system fails them: the error names the file at its
/// place in the results folder and says nothing was saved (exit 73); a results folder removed
/// meanwhile is not created again around one file.
struct ResultsStagingFaultTests {
  static func root(_ label: String = #function) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("staging-fault-\(label.filter(\.isLetter))-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func aFailedWriteNamesTheFileInTheResultsFolder() throws {
    let root = try Self.root()
    defer { try? FileManager.default.removeItem(at: root) }
    let destination = root.appendingPathComponent("cat")
    var staging = try ResultsStaging(destination: destination)
    try staging.write("a\n", as: "plots")
    // `plots` is a file, so nothing can go inside it.
    #expect {
      try staging.write("<svg/>", as: "plots/loss.svg")
    } throws: { error in
      guard let error = error as? PipelineError, case .unsaved(let cause, let folder) = error
      else { return false }
      return folder == destination.path && error.exitCode == 73
        && "\(cause)".hasPrefix("cannot write \(destination.path)/plots/loss.svg: ")
        && error.description.hasSuffix(
          "; nothing of this run was saved (\(destination.path) is as it was): fix the folder, "
            + "then run again")
    }
    staging.discard()
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
  }

  @Test func aResultsFolderRemovedMeanwhileIsNotCreatedAgain() throws {
    let root = try Self.root()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    var staging = try ResultsStaging(destination: results.appendingPathComponent("cat"))
    try staging.write("x\n", as: "summary.csv")
    try FileManager.default.removeItem(at: results)
    #expect(throws: PipelineError.self) { try staging.write("y\n", as: "plots/loss.svg") }
    do { try staging.write("y\n", as: "metrics.csv") } catch {
      #expect(error.exitCode == 73)
      #expect(
        error.description
          == "error: \(results.path) was removed while the runner was writing into it; nothing "
          + "more was written (not re-created piecemeal): run the command again to write it anew")
    }
    #expect(!FileManager.default.fileExists(atPath: results.path))
  }
}
