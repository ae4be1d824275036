import Testing
import Vocabulary

@testable import Reports

/// `runner ls` on a sweep whose trials all failed before writing a figure: every figure a run
/// may write is a known column (blank in each row), so `--where 'dev_accuracy>0'` lists no run
/// (exit 0) rather than refusing a column the sweep's spec writes (tester AM7); a name that is no
/// figure is still refused, with a did-you-mean among them.
@Suite struct FailedSweepColumnsTests {
  /// A trial of sweep `sweep` that failed before writing its summary (its `reason` only), or
  /// one that completed with `train_loss` and `dev_accuracy`.
  static func trial(_ sweep: String, _ id: String, ok: Bool = false) -> ListedRun {
    ListedRun(
      name: "\(sweep)/\(id)", kind: .trial, path: "/r/\(sweep)/\(id)",
      status: ok ? "ok" : "failed",
      parameters: [.init("optimizer.learning_rate", id == "t1" ? "0.1" : "0.01")],
      metrics: ok
        ? [.init("train_loss", "0.5"), .init("dev_accuracy", "0.9")]
        : [.init("reason", "saved parameters: no parameters folder 'a'")])
  }

  let failed = RunListing(runs: [trial("grid", "t1"), trial("grid", "t2")])

  @Test func everyFigureARunWritesIsAColumnOfASweepWhoseTrialsAllFailed() throws {
    for condition in ["dev_accuracy>0", "test_loss<1", "train_dev_loss<1", "train_cost<1"] {
      #expect(try failed.filtered([RunFilter(parsing: condition)]).runs.isEmpty, "\(condition)")
    }
    // Every scored metric of the vocabulary, on every split.
    for metric in Metric.allCases where metric.isScore {
      for split in Split.allCases {
        let column = split.column(metric.rawValue)
        #expect(try failed.filtered([RunFilter(parsing: "\(column)!=")]).runs.isEmpty)
      }
    }
    let sorted = try failed.sorted(by: "dev_f1").cells(columns: ["name", "dev_f1"])
    #expect(sorted.rows == [["grid/t1", ""], ["grid/t2", ""]])
  }

  @Test func aNameThatIsNoFigureIsStillRefusedWithADidYouMean() throws {
    for name in ["dev_los", "dev_confusion_matrix", "dev_cost"] {
      #expect(throws: ListingError.self) { try failed.filtered([RunFilter(parsing: "\(name)<1")]) }
    }
    do {
      _ = try failed.filtered([RunFilter(parsing: "dev_los<1")])
      Issue.record("expected an error")
    } catch {
      #expect(
        error.description.hasPrefix(
          "no listed run has a column 'dev_los'; did you mean 'dev_loss'? columns: name, when, "
            + "status, description, reason, optimizer.learning_rate, kind, path, and any figure a "
            + "run writes"),
        "\(error.description)")
      #expect(error.description.contains("SPLIT train, train_dev, dev or test"))
      #expect(error.description.hasSuffix(" r2 or cost (train only)"), "\(error.description)")
    }
  }

  @Test func aSweepWithACompleteTrialKnowsOnlyTheFiguresItWrites() throws {
    let mixed = RunListing(runs: [Self.trial("grid", "t1"), Self.trial("grid", "t2", ok: true)])
    #expect(try mixed.filtered([RunFilter(parsing: "dev_accuracy>0.95")]).runs.isEmpty)
    do {
      _ = try mixed.filtered([RunFilter(parsing: "dev_f1>0")])
      Issue.record("expected an error")
    } catch {
      #expect(!error.description.contains("any figure a run writes"), "\(error.description)")
    }
    // Beside it, another sweep whose trials all failed: its figures are unknown, so any is a
    // column.
    let both = RunListing(runs: mixed.runs + [Self.trial("other", "t1")])
    #expect(try both.filtered([RunFilter(parsing: "dev_f1>0")]).runs.isEmpty)
  }
}
