import Foundation

@testable import Pipeline

/// An in-memory MLflow tracking server behind the `HTTPTransport` the export uses: it keeps
/// what the REST calls send and answers in the shapes MLflow 3's server answers (experiment
/// IDs as strings, `run.info.artifact_uri` as `mlflow-artifacts:/<experiment>/<run>/artifacts`,
/// `{"error_code", "message"}` on errors).
actor FakeMLflowServer: HTTPTransport {
  struct Run {
    var experiment: String
    var name: String
    var tags: [String: String] = [:]
    var params: [String: String] = [:]
    var metrics: [(key: String, value: Double, step: Int)] = []
    var status = "RUNNING"
    var startTime: Int64 = 0
    var endTime: Int64?
    /// Deleted (`runs/delete`): searches no longer find it.
    var deleted = false
    /// The artifact URI it got when created (nil: the server's current one).
    var artifactURI: String?
  }

  var experiments: [String: String] = [:]
  var runs: [String: Run] = [:]
  var artifacts: [String: [UInt8]] = [:]
  var requests: [HTTPRequest] = []
  /// The artifact URI new runs get, `%@`-free: nil gives the proxied `mlflow-artifacts:` one.
  var artifactRoot: String?
  /// When set, every call answers this status.
  var failWith: Int?
  /// When set, artifact uploads answer this status (the export stops partway).
  var failUploadsWith: Int?

  /// When set, `runs/delete` answers this status.
  var failDeletesWith: Int?

  /// When set, the uploads accepted before every further one answers 504.
  var uploadsLeft: Int?

  /// When set, the `runs/create` calls answered before the next one lands on the server but
  /// is never answered (the client times out): a loaded server that commits late.
  var createsAnswered: Int?
  /// Runs that searches do not find yet (a create committed after a search).
  var hidden: Set<String> = []

  /// Answers `count` more `runs/create` calls; the next one makes its run but times out.
  func timeOutCreate(after count: Int) { createsAnswered = count }
  /// Hides run `id` from searches (`hidden`), or shows it again.
  func hide(_ id: String, _ hide: Bool = true) {
    if hide { hidden.insert(id) } else { hidden.remove(id) }
  }
  /// Sets run `id`'s tag `key` to `value`.
  func setTag(of id: String, _ key: String, to value: String) { runs[id]?.tags[key] = value }

  /// Makes artifact uploads answer `status`.
  func failUploads(_ status: Int) { failUploadsWith = status }
  /// Adds `run` as run `id` (another client's).
  func addRun(_ run: Run, id: String) { runs[id] = run }
  /// Deletes run `id`, as a user in MLflow's UI would.
  func deleteRun(_ id: String) { runs[id]?.deleted = true }
  /// Sets run `id`'s status, as another client ending or still sending it would.
  func setStatus(of id: String, to status: String) { runs[id]?.status = status }
  /// Makes `runs/delete` answer `status` (nil: deletes again).
  func failDeletes(_ status: Int?) { failDeletesWith = status }
  /// Accepts `count` more artifact uploads, then answers 504 to every one.
  func failUploads(after count: Int) { uploadsLeft = count }
  /// Stops failing artifact uploads.
  func acceptUploads() {
    failUploadsWith = nil
    uploadsLeft = nil
  }

  init(artifactRoot: String? = nil, failWith: Int? = nil) {
    self.artifactRoot = artifactRoot
    self.failWith = failWith
  }

  /// Gives new runs artifact URIs under `root` (nil: the proxied `mlflow-artifacts:` one).
  func storeArtifacts(in root: String?) { artifactRoot = root }

  /// The artifact URI of run `id` in `experiment`.
  func artifactURI(_ experiment: String, _ id: String) -> String {
    artifactRoot ?? "mlflow-artifacts:/\(experiment)/\(id)/artifacts"
  }

  /// Called with every request as it arrives (what the sender holds meanwhile).
  var onRequest: (@Sendable (HTTPRequest) -> Void)?

  /// Calls `hook` with every request as it arrives.
  func observe(_ hook: @escaping @Sendable (HTTPRequest) -> Void) { onRequest = hook }

  func send(_ request: HTTPRequest) async throws(ExportError) -> (status: Int, body: [UInt8]) {
    requests.append(request)
    onRequest?(request)
    if let failWith {
      return (failWith, Array(#"{"error_code": "INTERNAL_ERROR", "message": "boom"}"#.utf8))
    }
    let path = request.url.replacingOccurrences(of: "http://mlflow.test", with: "")
    let body =
      (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
    let ok = { (object: [String: Any]) -> (Int, [UInt8]) in
      (200, Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data()))
    }
    if path.hasPrefix("/api/2.0/mlflow-artifacts/artifacts/") {
      if let left = uploadsLeft {
        if left == 0 { failUploadsWith = 504 }
        uploadsLeft = max(left - 1, 0)
      }
      if let failUploadsWith {
        return (
          failUploadsWith, Array(#"{"error_code": "INTERNAL_ERROR", "message": "full"}"#.utf8)
        )
      }
      artifacts[String(path.dropFirst("/api/2.0/mlflow-artifacts/artifacts/".count))] =
        request.body
      return ok([:])
    }
    switch path.split(separator: "?").first.map(String.init) ?? "" {
    case "/api/2.0/mlflow/experiments/get-by-name":
      let name = path.components(separatedBy: "experiment_name=").last!.removingPercentEncoding!
      guard let id = experiments[name] else {
        return (404, Array(#"{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "no"}"#.utf8))
      }
      // As MLflow gives it: where the experiment's runs' artifacts go.
      let location = artifactRoot ?? "mlflow-artifacts:/\(id)"
      return ok(["experiment": ["experiment_id": id, "name": name, "artifact_location": location]])
    case "/api/2.0/mlflow/experiments/create":
      let id = String(experiments.count + 1)
      experiments[body["name"] as! String] = id
      return ok(["experiment_id": id])
    case "/api/2.0/mlflow/runs/search":
      let experiment = (body["experiment_ids"] as! [String])[0]
      let filter = body["filter"] as! String
      // `tags.`key` = 'value'`, the one filter the export sends.
      let key = filter.components(separatedBy: "`")[1]
      let all = body["run_view_type"] as? String == "ALL"
      // As MLflow orders them: start time, newest first, then run ID.
      let found = runs.filter { id, run in
        run.experiment == experiment && (all || !run.deleted) && !hidden.contains(id)
          && run.tags[key].map { filter == "tags.`\(key)` = '\($0)'" } == true
      }.sorted { ($1.value.startTime, $0.key) < ($0.value.startTime, $1.key) }
      return ok([
        "runs": found.map { id, run in
          var info: [String: Any] = [
            "run_id": id, "artifact_uri": run.artifactURI ?? artifactURI(experiment, id),
            "status": run.status,
            "start_time": String(run.startTime),
            "lifecycle_stage": run.deleted ? "deleted" : "active",
          ]
          if let end = run.endTime { info["end_time"] = String(end) }
          return [
            "info": info,
            "data": ["tags": run.tags.map { ["key": $0.key, "value": $0.value] }],
          ]
        }
      ])
    case "/api/2.0/mlflow/runs/create":
      let id = String(format: "%032x", runs.count + 1)
      let experiment = body["experiment_id"] as! String
      var run = Run(experiment: experiment, name: body["run_name"] as! String)
      run.startTime = (body["start_time"] as? NSNumber)?.int64Value ?? 0
      run.artifactURI = artifactURI(experiment, id)
      for tag in body["tags"] as? [[String: String]] ?? [] { run.tags[tag["key"]!] = tag["value"] }
      runs[id] = run
      if let answered = createsAnswered {
        createsAnswered = answered - 1
        if answered == 0 { throw .timedOut(url: request.url, seconds: 1) }
      }
      return ok(["run": ["info": ["run_id": id, "artifact_uri": artifactURI(experiment, id)]]])
    case "/api/2.0/mlflow/runs/log-batch":
      let id = body["run_id"] as! String
      // As MLflow: a param logged again with another value is refused.
      let params = body["params"] as? [[String: String]] ?? []
      if let changed = params.first(where: { param in
        runs[id]!.params[param["key"]!].map { $0 != param["value"] } ?? false
      }) {
        return (
          400,
          Array(
            #"{"error_code": "INVALID_PARAMETER_VALUE", "message": "Changing param values is not allowed: \#(changed["key"]!)"}"#
              .utf8)
        )
      }
      for param in params { runs[id]!.params[param["key"]!] = param["value"] }
      for tag in body["tags"] as? [[String: String]] ?? [] {
        runs[id]!.tags[tag["key"]!] = tag["value"]
      }
      // JSONDecoder reads numbers exactly (JSONSerialization can round the last digit).
      struct Batch: Decodable {
        struct Metric: Decodable {
          var key: String
          var value: Double
          var step: Int
        }
        var metrics: [Metric]?
      }
      let batch = try? JSONDecoder().decode(Batch.self, from: Data(request.body))
      for metric in batch?.metrics ?? [] {
        runs[id]!.metrics.append((metric.key, metric.value, metric.step))
      }
      return ok([:])
    case "/api/2.0/mlflow/runs/update":
      runs[body["run_id"] as! String]!.status = body["status"] as! String
      runs[body["run_id"] as! String]!.endTime = (body["end_time"] as? NSNumber)?.int64Value
      return ok([:])
    case "/api/2.0/mlflow/runs/delete":
      if let failDeletesWith {
        return (failDeletesWith, Array(#"{"error_code": "INTERNAL_ERROR", "message": "x"}"#.utf8))
      }
      runs[body["run_id"] as! String]!.deleted = true
      return ok([:])
    default:
      return (404, Array(#"{"error_code": "ENDPOINT_NOT_FOUND", "message": "?"}"#.utf8))
    }
  }
}
