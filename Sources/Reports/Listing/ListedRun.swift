import Conventions

/// One run found under a results folder, as `runner ls` and `runner compare` show it: a single
/// run, one trial of a sweep, or an earlier run kept in `.history/`.
public struct ListedRun: Sendable, Equatable {
  /// What the row is.
  public enum RunKind: String, Sendable, Equatable, CaseIterable {
    /// A single run's results folder.
    case run
    /// One trial of a sweep (named `<sweep>/<trial>`).
    case trial
    /// An earlier run kept in `.history/<folder>/<time>/`.
    case history
    /// A complete trial folder left in a sweep folder by an earlier version of its spec: its
    /// `plan.csv` no longer lists it, and `summary.csv` leaves it out.
    case earlier

    /// Whether the row is a sweep's trial (this version of its spec or an earlier one).
    var isTrial: Bool { self == .trial || self == .earlier }
  }

  /// A named value: a parameter (spec key path) or a final figure (a `summary.csv` column).
  public struct NamedValue: Sendable, Equatable {
    /// The key path (`optimizer.learning_rate`) or column (`dev_accuracy`).
    public var name: String
    /// The value as written in the results files.
    public var text: String
    /// The value as JSON when its file types it (a spec's `true` is a boolean, its `"7"` a
    /// string); nil reads `text` as a CSV field.
    public var typed: JSONValue?

    /// The value `text` under `name`, typed as `typed` in JSON when given.
    public init(_ name: String, _ text: String, typed: JSONValue? = nil) {
      self.name = name
      self.text = text
      self.typed = typed
    }

    /// The value in JSON: `typed`, else `text` as a CSV field (a number, null or a string).
    public var json: JSONValue { typed ?? .field(text, column: name) }
  }

  /// The folder relative to the listed root, e.g. `cat` or `moons-grid/1c2dfcba9587`.
  public var name: String
  /// Run, sweep trial or history entry.
  public var kind: RunKind
  /// The folder's path.
  public var path: String
  /// When the run started (UTC, ISO 8601, from `environment.csv`), else the time its
  /// `summary.csv` was written; empty when unknown.
  public var when: String
  /// The spec's `description`.
  public var description: String
  /// A trial's status (`ok` or `failed`, with ` (earlier)` for a trial of an earlier version of
  /// the sweep's spec); empty for a single run.
  public var status: String
  /// Every leaf of the resolved spec by key path, in the spec's order (not name, description,
  /// output or version).
  public var parameters: [NamedValue]
  /// The defaults the resolved spec applies but leaves unwritten (a layer's `dropout: 0`):
  /// `--where`, `--sort` and `--columns` read them as its values, the parameter columns and
  /// JSON list only what it writes. `runner ls` reads them only for a run that lacks a value
  /// those options (or a trial's swept keys) ask for.
  public var defaults: [NamedValue] = []
  /// The final figures of `summary.csv` (`train_loss`, …, `iterations`, `stop_reason`).
  public var metrics: [NamedValue]
  /// A sweep trial's swept key paths (its sweep's `plan.csv` columns); empty for a run.
  public var sweptKeys: [String] = []
  /// A sweep trial's objective column (`sweep.csv`), e.g. `dev_loss`.
  public var objective: String? = nil
  /// What could not be read, each naming the file and what is wrong (a malformed
  /// `summary.csv` or `spec.resolved.yaml`): the cells it would fill are left blank.
  public var problems: [String] = []

  /// A row with the given parts.
  public init(
    name: String, kind: RunKind, path: String, when: String = "", description: String = "",
    status: String = "", parameters: [NamedValue] = [], metrics: [NamedValue] = []
  ) {
    self.name = name
    self.kind = kind
    self.path = path
    self.when = when
    self.description = description
    self.status = status
    self.parameters = parameters
    self.metrics = metrics
  }

  /// The value of a parameter, written or an unwritten default.
  public func parameter(_ name: String) -> String? {
    (parameters.first { $0.name == name } ?? defaults.first { $0.name == name })?.text
  }

  /// The value of a final figure.
  public func metric(_ name: String) -> String? { metrics.first { $0.name == name }?.text }

  /// The value shown under `column`: a fixed column (`name`, `kind`, `when`, `status`,
  /// `description`, `path`), else a metric, else a parameter; nil when the run has none.
  public func value(_ column: String) -> String? {
    switch column {
    case "name": name
    case "kind": kind.rawValue
    case "when": when
    case "status": status
    case "description": description
    case "path": path
    default: metric(column) ?? parameter(column)
    }
  }
}
