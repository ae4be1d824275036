import Conventions
import Foundation
import Reports

/// Why an export failed, each with what to do.
public enum ExportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A path given to export does not exist.
  case missing(path: String)
  /// A folder holding no run results.
  case noRuns(path: String)
  /// A folder holding no runs but the regression gate's baselines (`baselines`, paths as
  /// given), which an export of the folder leaves out.
  case onlyBaselines(path: String, baselines: [String])
  /// A results file that could not be read.
  case unreadable(path: String, reason: String)
  /// A run folder `runner ls` lists unread, with its `problem` (path, why and what to do): a
  /// name that is not valid UTF-8, a folder that cannot be listed.
  case unreadableFolder(problem: String)
  /// A file or folder that could not be written.
  case cannotWrite(path: String, reason: String)
  /// A folder that cannot hold runs (`/proc`, `/sys`, `/dev`).
  case folder(FolderError)
  /// A folder an export writes into (`--logdir DIR/<run>`) whose path meets `entry`, a file
  /// or other entry that is no folder, saying so (`is a file, not a folder`).
  case notAFolder(path: String, entry: String, what: String)
  /// A file where an export goes that `runner export` did not write (the user's).
  case foreignFile(path: String)
  /// A TensorBoard event file another writer left where an export's would go.
  case foreignEvents(path: String)
  /// Another run's TensorBoard event file, exported into the same folder since this export
  /// checked it.
  case sharedFolder(path: String)
  /// A tracking URI that is not an http(s) URL.
  case badTrackingURI(String)
  /// The tracking server could not be reached (down, wrong port).
  case unreachable(url: String, reason: String)
  /// A request had no answer within the `--timeout` of `seconds`.
  case timedOut(url: String, seconds: Double)
  /// The tracking server answered with an error.
  case server(url: String, status: Int, message: String)

  /// The exit status: 66 for missing input, 64 for a bad URI, 69 (unavailable) for the server,
  /// 73 for a system folder, a file that cannot be written or one of the user's in the way.
  public var exitCode: ExitStatus {
    switch self {
    case .missing, .noRuns, .onlyBaselines: .noInput
    case .unreadable, .unreadableFolder: .dataError
    case .cannotWrite, .notAFolder, .foreignFile, .foreignEvents, .sharedFolder: .cannotCreate
    case .folder(let error): error.exitCode
    case .badTrackingURI: .usage
    case .unreachable, .timedOut, .server: .unavailable
    }
  }

  /// The problem and what to do, for the user.
  public var description: String {
    switch self {
    case .missing(let path):
      "\(path) does not exist (give a run folder, a sweep folder or a results folder)"
    case .noRuns(let path):
      "\(path) holds no run results (a run folder has \(ResultsFile.resolvedSpec) and \(ResultsFile.summary))"
    case .onlyBaselines(let path, let baselines):
      "\(path) holds no runs but the regression gate's baselines (\(baselines.joined(separator: ", ")), "
        + "beside gate.csv), which an export of \(path) leaves as they are; name "
        + "\(baselines.count == 1 ? "that folder" : "one of them") to export its runs (nothing "
        + "is written in them: to TensorBoard with a --logdir outside them; to DVC, which writes "
        + "into each run's folder, from a copy elsewhere)"
    case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
    case .unreadableFolder(let problem): problem
    case .cannotWrite(let path, let reason) where reason.contains(RunFolderMode.protectedWords):
      // The protection says what to do: no room is wanted (tester BD m7).
      "cannot write \(path): \(reason)"
    case .cannotWrite(let path, let reason):
      "cannot write \(path): \(reason) (make its folder writable or free some space, or export "
        + "a copy of the run elsewhere, then export again)"
    case .folder(let error): String(error.description.dropFirst("error: ".count))
    case .notAFolder(let path, let entry, let what):
      "cannot write \(path): \(entry) \(what) (give --logdir a folder, created when missing, or "
        + "move that entry away)"
    case .foreignFile(let path):
      "\(path) was not written by `runner export`; refusing to replace it (move it away, "
        + "then export again)"
    case .foreignEvents(let path):
      "\(path) is an event file `runner export` did not write; TensorBoard would show its "
        + "scalars as part of the exported run (export into another --logdir, or move it away)"
    case .sharedFolder(let path):
      "\(path) is another run's events, exported into the same folder while this export wrote "
        + "there; TensorBoard would show the two runs as one (export each run into its own "
        + "folder: another --logdir, or run names that differ in more than case on a "
        + "case-insensitive disk)"
    case .badTrackingURI(let uri)
    where ["file:", "sqlite:", "/", "."].contains(where: uri.hasPrefix):
      // A local store (`file:./mlruns`, `sqlite:///mlflow.db`, a path): the export needs a server.
      "'\(uri)' is not an http:// or https:// tracking URI; the export talks to a tracking "
        + "server: serve that store with `mlflow server --backend-store-uri \(uri)` (a file "
        + "store needs MLFLOW_ALLOW_FILE_STORE=true with MLflow 3) and give its URL (e.g. "
        + "http://127.0.0.1:5000)"
    case .badTrackingURI(let uri):
      "'\(uri)' is not an http:// or https:// tracking URI (e.g. http://127.0.0.1:5000)"
    case .unreachable(let url, let reason):
      "cannot reach the MLflow server at \(url): \(reason) (is `mlflow server` running there?)"
    case .timedOut(let url, let seconds):
      // A host that drops the connection (a wrong address, a firewall) times out as a slow
      // server does: the user tells them apart with the server's own health check.
      "the request to the MLflow server at \(url) timed out after \(TimeoutOption.text(seconds)) "
        + "(--timeout) with no answer: check that `curl \(Self.serverRoot(url))/health` answers OK "
        + "from this machine; if it hangs too, the host or port is wrong or a firewall drops the "
        + "connection; if it answers, the server is slow: raise --timeout for a slow server or a "
        + "large artifact"
    case .server(let url, let status, let message):
      "the MLflow server answered \(status) to \(url): \(message)"
    }
  }
}

extension ExportError {
  /// The server's address in a request's `url`: what comes before its `/api/` path (the
  /// tracking URI, with any prefix the server is served under).
  static func serverRoot(_ url: String) -> String {
    url.range(of: "/api/").map { String(url[..<$0.lowerBound]) } ?? url
  }

  /// `file` could not be written because of `error`: its reason once, never the error's type.
  static func writing(_ file: URL, _ error: any Error) -> ExportError {
    switch error {
    case ResultsFileError.cannotWrite(_, let reason),
      ResultsFileError.cannotCreateDirectory(_, let reason):
      .cannotWrite(path: file.path, reason: reason)
    default: .cannotWrite(path: file.path, reason: AtomicFile.reason(error))
    }
  }

  /// `file` could not be read because of `error`: the path once, then what is wrong.
  static func reading(_ file: URL, _ error: ResultsFileError) -> ExportError {
    switch error {
    case .malformedCSV(_, let problem): .unreadable(path: file.path, reason: problem.description)
    case .cannotRead(_, let reason): .unreadable(path: file.path, reason: reason)
    case .missing: .unreadable(path: file.path, reason: "no such file")
    default: .unreadable(path: file.path, reason: error.description)
    }
  }
}
