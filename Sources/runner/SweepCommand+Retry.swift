import Conventions

extension SweepCommand {
  /// The command that runs this sweep's failed trials again, to paste: this one's spec, `--set`s
  /// and options as typed (the same results folder, shard, strictness, jobs and budget), with
  /// `--retry-failed`; `--json`, `--color` and `--dry-run` are left out, as they change only
  /// what is printed.
  var retryCommand: String {
    Invocation.commandLine(
      ["sweep", spec] + specOptions.overrides.flatMap { ["--set", $0] } + repeatedOptions
        + ["--retry-failed"])
  }

  /// The options of this sweep that decide what it runs and where, as typed.
  var repeatedOptions: [String] {
    var options: [String] = []
    if let resultsDirectory { options += ["--results-dir", resultsDirectory] }
    if let shard { options += ["--shard", shard] }
    if let jobs { options += ["--jobs", String(jobs)] }
    if let timeout { options += ["--timeout", timeout] }
    return options + specOptions.repeated
  }
}
