import Conventions
import Foundation

/// The calls of MLflow's REST API the export makes (`/api/2.0/mlflow/...` and the artifact
/// proxy `/api/2.0/mlflow-artifacts/artifacts/...`), over any `HTTPTransport`.
public struct MLflowClient: Sendable {
  /// The server's base URL, e.g. `http://127.0.0.1:5000` (no trailing slash).
  public let base: String
  /// How requests are sent.
  public let transport: any HTTPTransport

  /// A client of the server at `trackingURI` (http or https).
  public init(trackingURI: String, transport: any HTTPTransport) throws(ExportError) {
    var base = trackingURI
    while base.hasSuffix("/") { base.removeLast() }
    guard base.hasPrefix("http://") || base.hasPrefix("https://"),
      let url = URL(string: base), url.host != nil
    else { throw .badTrackingURI(trackingURI) }
    self.base = base
    self.transport = transport
  }

  /// A created run: its ID and where its artifacts go.
  public struct CreatedRun: Sendable {
    /// MLflow's run ID.
    public var id: String
    /// The run's artifact URI, e.g. `mlflow-artifacts:/1/<id>/artifacts`.
    public var artifactURI: String
  }

  /// The ID of the experiment named `name`, created when missing.
  func experimentID(named name: String) async throws(ExportError) -> String {
    try await experiment(named: name).id
  }

  /// The experiment named `name`, created when missing: its ID and, for one that existed, its
  /// artifact location (fixed when it was created; nil when the server gave none).
  func experiment(named name: String) async throws(ExportError) -> (
    id: String, artifactLocation: String?
  ) {
    let query = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
    let found = try await call(
      "GET", "experiments/get-by-name?experiment_name=\(query)", nil,
      allowing: [404])
    let experiment = found["experiment"] as? [String: Any]
    if let id = experiment?["experiment_id"] as? String {
      return (id, experiment?["artifact_location"] as? String)
    }
    let created = try await call("POST", "experiments/create", .object([("name", .string(name))]))
    guard let id = created["experiment_id"] as? String else {
      throw .server(url: base, status: 200, message: "experiments/create returned no ID")
    }
    return (id, nil)
  }

  /// A run found by `runs(in:tag:equals:)`: its ID, tags, artifact URI, status (`RUNNING`,
  /// `FINISHED`, `FAILED`, `KILLED`; nil when the server gave none), end time (ms since 1970;
  /// nil when none) and whether it was deleted (found only with `deleted`).
  typealias FoundRun = (
    id: String, tags: [String: String], artifactURI: String, status: String?, endTime: Int64?,
    deleted: Bool
  )

  /// The runs of `experiment` whose tag `key` is `value`; with `deleted`, the deleted ones too
  /// (`run_view_type` `ALL`).
  func runs(in experiment: String, tag key: String, equals value: String, deleted: Bool = false)
    async throws(ExportError) -> [FoundRun]
  {
    let escaped = value.replacingOccurrences(of: "'", with: "\\'")
    var body: [(String, JSONValue)] = [
      ("experiment_ids", .array([.string(experiment)])),
      ("filter", .string("tags.`\(key)` = '\(escaped)'")), ("max_results", .integer(1000)),
    ]
    if deleted { body.append(("run_view_type", .string("ALL"))) }
    let answer = try await call("POST", "runs/search", .object(body))
    let runs = answer["runs"] as? [[String: Any]] ?? []
    return runs.compactMap { run in
      let info = run["info"] as? [String: Any]
      guard let id = info?["run_id"] as? String else { return nil }
      let tags = (run["data"] as? [String: Any])?["tags"] as? [[String: Any]] ?? []
      let pairs = tags.compactMap { tag in
        (tag["key"] as? String).map { ($0, tag["value"] as? String ?? "") }
      }
      let uri = info?["artifact_uri"] as? String ?? ""
      // protobuf's JSON mapping gives an int64 as a string; a number is read too.
      let end = info?["end_time"].flatMap {
        ($0 as? NSNumber)?.int64Value ?? ($0 as? String).flatMap { Int64($0) }
      }
      return (
        id, Dictionary(pairs, uniquingKeysWith: { a, _ in a }), uri, info?["status"] as? String,
        end, info?["lifecycle_stage"] as? String == "deleted"
      )
    }
  }

  /// Creates a run in `experiment`.
  func createRun(
    experiment: String, name: String, startTime: Int64, tags: [(String, String)]
  ) async throws(ExportError) -> CreatedRun {
    let answer = try await call(
      "POST", "runs/create",
      .object([
        ("experiment_id", .string(experiment)), ("run_name", .string(name)),
        ("start_time", .integer(Int(startTime))), ("tags", Self.pairs(tags)),
      ]))
    let info = (answer["run"] as? [String: Any])?["info"] as? [String: Any]
    guard let id = info?["run_id"] as? String else {
      throw .server(url: base, status: 200, message: "runs/create returned no run ID")
    }
    return CreatedRun(id: id, artifactURI: info?["artifact_uri"] as? String ?? "")
  }

  /// Logs one batch (MLflow takes at most 1000 metrics, 100 params and 100 tags per batch).
  func logBatch(
    run: String, params: [(String, String)], metrics: [JSONValue], tags: [(String, String)] = []
  ) async throws(ExportError) {
    var body: [(String, JSONValue)] = [("run_id", .string(run))]
    if !params.isEmpty { body.append(("params", Self.pairs(params))) }
    if !metrics.isEmpty { body.append(("metrics", .array(metrics))) }
    if !tags.isEmpty { body.append(("tags", Self.pairs(tags))) }
    _ = try await call("POST", "runs/log-batch", .object(body))
  }

  /// Ends a run with `status` (`FINISHED` or `FAILED`) at `endTime` (ms since 1970).
  func finish(run: String, status: String, endTime: Int64) async throws(ExportError) {
    _ = try await call(
      "POST", "runs/update",
      .object([
        ("run_id", .string(run)), ("status", .string(status)),
        ("end_time", .integer(Int(endTime))),
      ]))
  }

  /// Deletes run `id` (MLflow keeps it, restorable, among the experiment's deleted runs).
  func delete(run id: String) async throws(ExportError) {
    _ = try await call("POST", "runs/delete", .object([("run_id", .string(id))]))
  }

  /// Uploads `bytes` to the artifact `path` (relative to the server's artifact root) through
  /// the server's artifact proxy.
  func upload(_ bytes: [UInt8], to path: String) async throws(ExportError) {
    let encoded = path.split(separator: "/").map {
      $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0)
    }.joined(separator: "/")
    let url = "\(base)/api/2.0/mlflow-artifacts/artifacts/\(encoded)"
    let request = HTTPRequest(
      method: "PUT", url: url, body: bytes, contentType: "application/octet-stream")
    let (status, body) = try await transport.send(request)
    guard (200..<300).contains(status) else {
      throw .server(url: url, status: status, message: Self.message(body))
    }
  }

  /// `[{"key": k, "value": v}, …]`.
  static func pairs(_ pairs: [(String, String)]) -> JSONValue {
    .array(pairs.map { .object([("key", .string($0.0)), ("value", .string($0.1))]) })
  }

  /// Sends one API call; a status outside 2xx (and `allowing`) is an error with the server's
  /// message. Returns the parsed JSON object (empty for an allowed error).
  private func call(
    _ method: String, _ endpoint: String, _ body: JSONValue?, allowing: Set<Int> = []
  ) async throws(ExportError) -> [String: Any] {
    let url = "\(base)/api/2.0/mlflow/\(endpoint)"
    let request = HTTPRequest(method: method, url: url, body: Array((body?.rendered ?? "").utf8))
    let (status, answer) = try await transport.send(request)
    if allowing.contains(status) { return [:] }
    guard (200..<300).contains(status) else {
      throw .server(url: url, status: status, message: Self.message(answer))
    }
    let object = try? JSONSerialization.jsonObject(with: Data(answer))
    guard let dictionary = object as? [String: Any] else {
      throw .server(url: url, status: status, message: "the answer is not a JSON object")
    }
    return dictionary
  }

  /// The server's error message (`{"error_code": …, "message": …}`), else the body's start.
  static func message(_ body: [UInt8]) -> String {
    let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
    if let message = object?["message"] as? String {
      return (object?["error_code"] as? String).map { "\($0): \(message)" } ?? message
    }
    return String(decoding: body.prefix(300), as: UTF8.self)
  }
}
