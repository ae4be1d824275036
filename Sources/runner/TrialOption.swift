import ArgumentParser

/// `--trial ID`: one trial of a sweep spec, by its ID or a unique start of it (`runner explain`,
/// `runner gradcheck`).
struct TrialOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "One trial of the spec's sweep, by its ID (or a unique start of it; "
        + "`runner sweep SPEC --dry-run` lists them).", valueName: "id"))
  var trial: String?

  func validate() throws {
    // An empty ID is a prefix of every trial's: it chose the only trial of a one-trial sweep.
    if trial?.isEmpty == true {
      throw ValidationError("--trial needs a trial ID, or the start of one")
    }
  }
}
