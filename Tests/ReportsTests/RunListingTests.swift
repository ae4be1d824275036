import Conventions
import Foundation
import Testing

@testable import Reports

@Suite("runner ls: filtering, sorting and formats")
struct RunListingTests {
  static func run(
    _ name: String, lr: String, units: String, dev: String?, when: String,
    kind: ListedRun.RunKind = .run, description: String = ""
  ) -> ListedRun {
    ListedRun(
      name: name, kind: kind, path: "/r/" + name, when: when, description: description,
      status: kind == .trial ? "ok" : "",
      parameters: [
        .init("seed", "1"), .init("optimizer.learning_rate", lr),
        .init("model.layers[0].units", units),
      ],
      metrics: [.init("train_loss", "0.5")] + (dev.map { [.init("dev_accuracy", $0)] } ?? []))
  }

  let listing = RunListing(runs: [
    run(
      "b", lr: "0.01", units: "16", dev: "0.9", when: "2026-11-30T10:00:00Z", description: "B run"),
    run("a", lr: "0.1", units: "16", dev: "0.85", when: "2026-11-30T11:00:00Z"),
    run(
      "sweep/t1", lr: "0.003", units: "16", dev: "0.95", when: "2026-11-30T09:00:00Z",
      kind: .trial),
    run("c", lr: "0.01", units: "16", dev: nil, when: "2026-11-30T08:00:00Z"),
  ])

  @Test("figures in first-appearance order, then only the parameters that differ")
  func columns() {
    #expect(listing.parameterColumns == ["optimizer.learning_rate"])
    #expect(listing.metricColumns == ["train_loss", "dev_accuracy"])
    #expect(
      listing.columns == [
        "name", "when", "status", "description", "train_loss", "dev_accuracy",
        "optimizer.learning_rate",
      ])
  }

  @Test("a figure the first run lacks keeps its place among the others, before iterations")
  func figureOrderAcrossRuns() {
    func figures(_ names: [String]) -> ListedRun {
      ListedRun(
        name: names.joined(), kind: .run, path: "/r", when: "", description: "", status: "",
        parameters: [], metrics: names.map { .init($0, "1") })
    }
    let listing = RunListing(runs: [
      figures(["train_loss", "test_loss", "train_accuracy", "iterations", "stop_reason"]),
      figures([
        "train_loss", "dev_loss", "test_loss", "train_accuracy", "dev_accuracy", "iterations",
        "stop_reason",
      ]),
    ])
    #expect(
      listing.metricColumns == [
        "train_loss", "dev_loss", "test_loss", "train_accuracy", "dev_accuracy", "iterations",
        "stop_reason",
      ])
  }

  @Test("sorting by a metric orders numbers as numbers, either way, runs without it last")
  func sorting() throws {
    #expect(try listing.sorted(by: "dev_accuracy").runs.map(\.name) == ["a", "b", "sweep/t1", "c"])
    #expect(
      try listing.sorted(by: "dev_accuracy", descending: true).runs.map(\.name)
        == ["sweep/t1", "b", "a", "c"])
    // 0.003 < 0.01 < 0.1 as numbers (as text "0.003" < "0.01" < "0.1" too; 10 vs 9 is not).
    let numeric = RunListing(runs: [
      Self.run("x", lr: "10", units: "1", dev: "1", when: ""),
      Self.run("y", lr: "9", units: "1", dev: "1", when: ""),
    ])
    #expect(try numeric.sorted(by: "optimizer.learning_rate").runs.map(\.name) == ["y", "x"])
    #expect(try listing.sorted(by: "when").runs.map(\.name) == ["c", "sweep/t1", "b", "a"])
    #expect(try listing.sorted(by: "name", descending: true).runs.first?.name == "sweep/t1")
  }

  @Test("filters: =, !=, ~, !~, <, <=, >, >= on metrics, parameters and fixed columns")
  func filtering() throws {
    func names(_ filters: String...) throws -> [String] {
      try listing.filtered(filters.map { try RunFilter(parsing: $0) }).runs.map(\.name)
    }
    #expect(try names("dev_accuracy>=0.9") == ["b", "sweep/t1"])
    #expect(try names("dev_accuracy > 0.9") == ["sweep/t1"])
    #expect(try names("dev_accuracy<0.9") == ["a"])
    #expect(try names("dev_accuracy<=0.9", "name!=a") == ["b"])
    #expect(try names("optimizer.learning_rate=0.010") == ["b", "c"])
    #expect(try names("name~SWEEP") == ["sweep/t1"])
    #expect(try names("name!~sweep") == ["b", "a", "c"])
    #expect(try names("kind=trial") == ["sweep/t1"])
    #expect(try names("seed=1").count == 4)  // a parameter equal everywhere still filters
    #expect(try names("description~b run") == ["b"])
    #expect(try names("dev_accuracy=") == ["c"])
  }

  @Test("a bad filter or an unknown column is a clear error naming the columns")
  func errors() throws {
    #expect(throws: ListingError.badFilter("dev_accuracy")) {
      try RunFilter(parsing: "dev_accuracy")
    }
    #expect(throws: ListingError.badFilter(">0.9")) { try RunFilter(parsing: ">0.9") }
    // A pandas or SQL operator runs into the value: refused, not a silent empty listing.
    #expect(
      throws: ListingError.runOnOperator(filter: "status==ok", typed: "==", meant: "status=ok")
    ) { try RunFilter(parsing: "status==ok") }
    #expect(
      throws: ListingError.runOnOperator(
        filter: "dev_accuracy=>0.9", typed: "=>", meant: "dev_accuracy>=0.9")
    ) { try RunFilter(parsing: "dev_accuracy=>0.9") }
    #expect(
      throws: ListingError.runOnOperator(filter: "name=<>x", typed: "=<>", meant: nil)
    ) { try RunFilter(parsing: "name=<>x") }
    // pandas' query quotes text: the suggestion and the filter read the text inside.
    #expect(
      throws: ListingError.runOnOperator(
        filter: "status == \"ok\"", typed: "==", meant: "status=ok")
    ) { try RunFilter(parsing: "status == \"ok\"") }
    #expect(try RunFilter(parsing: "status='ok'").value == "ok")
    #expect(try RunFilter(parsing: "name=\"a").value == "\"a")
    #expect(
      ListingError.runOnOperator(filter: "status==ok", typed: "==", meant: "status=ok")
        .description
        == "--where 'status==ok': '==' is not an operator (OP one of = != ~ !~ < <= > >=); "
        + "did you mean --where 'status=ok'?\nnote: a value cannot begin with = ! ~ < or >")
    do {
      _ = try listing.sorted(by: "dev_acc")
      Issue.record("expected an error")
    } catch {
      #expect(
        error.description.hasPrefix(
          "no listed run has a column 'dev_acc'; did you mean 'dev_accuracy'? columns: "))
    }
    #expect(throws: ListingError.unknownFormat("xml")) { try ListingFormat(parsing: "xml") }
    // A spec key without its section: the only column holding its words in order.
    let key = ListingError.unknownColumn(
      "learning_rate", known: ["name", "optimizer.learning_rate", "dev_accuracy"])
    #expect(key.description.contains("did you mean 'optimizer.learning_rate'?"))
    let none = ListingError.unknownColumn("nope", known: ["name", "dev_accuracy"])
    #expect(!none.description.contains("did you mean"))
  }

  @Test("ordering a column of numbers by a value that is not a number is an error; text orders")
  func notANumber() throws {
    #expect(throws: ListingError.notANumber(filter: "dev_accuracy>=abc", value: "abc")) {
      try listing.filtered([RunFilter(parsing: "dev_accuracy>=abc")])
    }
    #expect(throws: ListingError.notANumber(filter: "optimizer.learning_rate<x", value: "x")) {
      try listing.filtered([RunFilter(parsing: "optimizer.learning_rate<x")])
    }
    let later = try listing.filtered([RunFilter(parsing: "when>=2026-11-30T10:00:00Z")])
    #expect(later.runs.map(\.name) == ["b", "a"])
    #expect(try listing.filtered([RunFilter(parsing: "dev_accuracy=abc")]).runs.isEmpty)
  }

  @Test("CSV, Markdown and table forms hold the same cells")
  func formats() throws {
    let sorted = try listing.sorted(by: "dev_accuracy", descending: true)
    let csv = try sorted.rendered(.csv)
    let table = try CSVTable(parsing: csv)
    #expect(table.header == sorted.columns)
    #expect(table.rows.map { $0[0] } == ["sweep/t1", "b", "a", "c"])
    #expect(table.rows[1][3] == "B run")
    let markdown = try sorted.rendered(.markdown).split(separator: "\n")
    #expect(markdown[0] == "| " + sorted.columns.joined(separator: " | ") + " |")
    #expect(markdown[1] == "|---|---|---|---|---|---|---|")
    #expect(markdown[2].hasPrefix("| sweep/t1 | 2026-11-30T09:00:00Z | ok |"))
    let text = try sorted.rendered(.table, columns: ["name", "dev_accuracy"])
    #expect(text == "name      dev_accuracy\nsweep/t1  0.95\nb         0.9\na         0.85\nc")
    #expect(try RunListing(runs: []).rendered(.table, root: "results") == "no runs under results")
  }

  @Test("the table leaves out default columns empty in every row; the other forms keep them")
  func emptyColumnsLeftOutOfTheTable() throws {
    // A run and a trial: no description anywhere, and a figure left empty.
    var plain = Self.run("r", lr: "0.1", units: "16", dev: nil, when: "2026-11-30T10:00:00Z")
    plain.metrics.append(.init("train_mse", ""))
    let mixed = RunListing(runs: [
      plain,
      Self.run("s/t1", lr: "0.01", units: "8", dev: "0.9", when: "", kind: .trial),
    ])
    #expect(mixed.columns.contains("description") && mixed.columns.contains("train_mse"))
    let table = try mixed.rendered(.table).split(separator: "\n")
    let header = table[0].split(separator: " ").map(String.init)
    #expect(
      header == [
        "name", "when", "status", "train_loss", "dev_accuracy", "optimizer.learning_rate",
        "model.layers[0].units",
      ])
    #expect(table[1].hasPrefix("r     2026-11-30T10:00:00Z          0.5"))
    #expect(try CSVTable(parsing: mixed.rendered(.csv)).header == mixed.columns)
    #expect(try mixed.rendered(.markdown).hasPrefix("| name | when | status | description |"))
    // Columns asked for by name are shown, empty or not.
    #expect(
      try mixed.rendered(.table, columns: ["name", "description"]).split(separator: "\n")[0]
        == "name  description")
  }

  @Test("the table rounds decimals to 5 significant digits; CSV and JSON keep every digit")
  func tableRoundsDecimals() throws {
    var r = Self.run("r", lr: "0.005", units: "16", dev: "0.9904306220095693", when: "")
    r.metrics.append(.init("iterations", "123456"))
    r.metrics.append(.init("train_mse", "1.2345678e-05"))
    r.metrics.append(.init("test_loss", "nan"))
    let one = RunListing(runs: [r])
    let row = try one.rendered(.table).split(separator: "\n")[1].split(separator: " ")
    #expect(row.map(String.init) == ["r", "0.5", "0.99043", "123456", "1.2346e-05", "nan"])
    #expect(try one.rendered(.csv).contains("0.9904306220095693,123456,1.2345678e-05,nan"))
  }

  @Test("on a terminal, columns past its width are left out (when, description first) and named")
  func tableFitsTheTerminal() throws {
    let runs = try listing.sorted(by: "name")
    let full = try runs.rendered(.table)
    #expect(try runs.rendered(.table, width: 500) == full)
    let narrow = try runs.rendered(.table, width: 42).split(separator: "\n")
    #expect(narrow[0].split(separator: " ") == ["name", "status", "train_loss", "dev_accuracy"])
    #expect(narrow.allSatisfy { $0.count <= 42 })
    // The note on the columns left out, wrapped at spaces to the width too.
    #expect(
      narrow.drop { !$0.hasPrefix("(") }.joined(separator: "\n")
        == "(3 more columns past 42 characters:\n optimizer.learning_rate, when,\n"
        + " description; choose them with --columns,\n or --wide for all)")
    // Columns asked for by name fit the width too, the last ones left out and named
    // (RunListingWidthTests).
    #expect(
      try runs.rendered(.table, columns: ["name", "when", "description"], width: 40)
        .split(separator: "\n")[0] == "name      when")
  }

  @Test("fitting a width, the columns --where and --sort name are kept in view")
  func filteredAndSortedColumnsAreKept() throws {
    let runs = try listing.sorted(by: "optimizer.learning_rate")
    let narrow = try runs.rendered(.table, width: 42, keeping: ["optimizer.learning_rate"])
      .split(separator: "\n")
    #expect(narrow[0].split(separator: " ").contains("optimizer.learning_rate"), "\(narrow)")
    #expect(narrow.allSatisfy { $0.count <= 42 }, "\(narrow)")
    let note = narrow.drop { !$0.hasPrefix("(") }.joined(separator: " ")
    #expect(!note.contains("optimizer.learning_rate") && note.contains("when"), "\(narrow)")
  }

  @Test("fitting a width, a sweep's trials keep the parameters that tell them apart in view")
  func sweepParametersAreKept() throws {
    let trials = RunListing(runs: [
      Self.run("s/t1", lr: "0.1", units: "16", dev: "0.9", when: "", kind: .trial),
      Self.run("s/t2", lr: "0.01", units: "16", dev: "0.8", when: "", kind: .trial),
    ])
    let narrow = try trials.rendered(.table, width: 50).split(separator: "\n")
    #expect(
      narrow[0].split(separator: " ") == [
        "name", "status", "train_loss", "optimizer.learning_rate",
      ],
      "\(narrow)")
    // Runs of different specs keep the figures first.
    let runs = RunListing(
      runs: trials.runs.map {
        var r = $0
        r.kind = .run
        r.status = ""
        return r
      })
    #expect(
      try runs.rendered(.table, width: 50).split(separator: "\n")[0].split(separator: " ")
        == ["name", "train_loss", "dev_accuracy"])
  }

  @Test(
    "fitting a width, a sweep's trials keep its swept keys, then its objective, before a derived seed"
  )
  func sweptKeysThenObjectiveBeforeDerivedSeed() throws {
    let trials = RunListing(
      runs: [("0.1", "0.31", "9900867502126277062"), ("0.01", "0.28", "13146134343904052618")]
        .enumerated().map { i, values in
          var run = ListedRun(
            name: "circ-sweep/550d40b4e25\(i)", kind: .trial, path: "/r/\(i)", status: "ok",
            parameters: [.init("seed", values.2), .init("optimizer.learning_rate", values.0)],
            metrics: [.init("train_loss", "0.2\(i)"), .init("dev_loss", values.1)])
          run.sweptKeys = ["optimizer.learning_rate"]
          run.objective = "dev_loss"
          return run
        })
    let narrow = try trials.rendered(.table, width: 80).split(separator: "\n")
    #expect(
      narrow[0].split(separator: " ") == [
        "name", "status", "train_loss", "dev_loss", "optimizer.learning_rate",
      ], "\(narrow)")
    #expect(narrow[3].hasPrefix("(1 more column past 80 characters: seed;"), "\(narrow)")
  }

  @Test("an adaptive sweep's trials sort by the largest budget first, then by the column")
  func adaptiveTrialsSortByBudgetFirst() throws {
    let trials = RunListing(
      runs: [("a", "2", "180", "0.10"), ("b", "1", "60", "0.06"), ("c", "2", "180", "0.09")].map {
        ListedRun(
          name: "h/" + $0.0, kind: .trial, path: "/h/" + $0.0, status: "ok",
          metrics: [.init("rung", $0.1), .init("budget", $0.2), .init("dev_loss", $0.3)])
      })
    #expect(try trials.sorted(by: "dev_loss").runs.map(\.name) == ["h/c", "h/a", "h/b"])
    #expect(try trials.sorted(by: "rung").runs.map(\.name) == ["h/b", "h/a", "h/c"])
    #expect(
      try trials.sorted(by: "dev_loss", descending: true).runs.map(\.name) == ["h/a", "h/c", "h/b"])
  }

  @Test("the JSON form lists every run with all its parameters and figures as numbers")
  func json() throws {
    let text = try listing.sorted(by: "name").rendered(.json, root: "results")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["root"] as? String == "results")
    #expect((object["columns"] as? [String])?.first == "name")
    let runs = try #require(object["runs"] as? [[String: Any]])
    #expect(runs.map { $0["name"] as? String } == ["a", "b", "c", "sweep/t1"])
    #expect(runs[1]["description"] as? String == "B run")
    #expect((runs[1]["metrics"] as? [String: Any])?["dev_accuracy"] as? Double == 0.9)
    #expect((runs[1]["parameters"] as? [String: Any])?["seed"] as? Int == 1)
    #expect(runs[0]["status"] is NSNull)
    #expect(runs[3]["kind"] as? String == "trial")
  }

  @Test("fitting a width, a long name keeps its start and end; without one it is whole")
  func longNamesAreShortenedInTheMiddle() throws {
    let name =
      "xor-mlp@dataset.split={train: 0.8, test: 0.2},optimizer.learning_rate=0.001,"
      + "optimizer.type=adam"
    let runs = RunListing(runs: [
      Self.run(name, lr: "0.001", units: "16", dev: "0.9", when: "2026-11-30T10:00:00Z"),
      Self.run("xor-mlp", lr: "0.1", units: "16", dev: "0.8", when: "2026-11-30T11:00:00Z"),
    ])
    let fitted = try runs.rendered(.table, width: 80).split(separator: "\n")
    #expect(fitted.dropLast().allSatisfy { $0.count <= 80 }, "\(fitted)")
    let cell = try #require(fitted[1].split(separator: " ").first.map(String.init))
    #expect(cell == "xor-mlp@dataset.spli…optimizer.type=adam", "\(fitted)")
    #expect(cell.count == 40)
    #expect(fitted[1].contains("0.5"), "\(fitted)")
    #expect(try runs.rendered(.table).split(separator: "\n")[1].hasPrefix(name + " "))
    // Chosen columns fit the width as the default ones do (tester m5); --wide: whole.
    #expect(try runs.rendered(.table, columns: ["name"], width: 80).contains(cell))
    #expect(try runs.rendered(.table, columns: ["name"]).contains(name))
    #expect(TerminalTable.shortened("abcdef", middle: 6) == "abcdef")
    #expect(TerminalTable.shortened("abcdefg", middle: 6) == "abc…fg")
  }

  /// Two `--set` folders whose names differ only in their middle were shortened to one text
  /// (tester BC4's pair): the names keep as much as tells them apart.
  @Test("names shortened to fit a width still tell two runs apart")
  func shortenedNamesStayApart() throws {
    let names = [
      "min@optimizer.batch_size=80,optimizer.type=adam",
      "min@optimizer.batch_size=80,optimizer.learning_rate=0.01,optimizer.type=adam",
    ]
    let runs = RunListing(
      runs: names.map { Self.run($0, lr: "0.001", units: "16", dev: "0.9", when: "") })
    let fitted = try runs.rendered(.table, width: 80).split(separator: "\n")
    let cells = fitted.dropFirst().prefix(2).compactMap { $0.split(separator: " ").first }
    #expect(cells.count == 2 && Set(cells).count == 2, "\(fitted)")
    #expect(TerminalTable.telling(["abcdefg", "abcXefg"], from: 6) == 7)
    #expect(TerminalTable.telling(["abcdefg", "abcdefX"], from: 6) == 6)
  }

  /// A `nan` cell compared as text passed `>` filters (`'n' > '0'`), and `1e400` was "not a
  /// number" (tester AK6, session 37); a blank cell matched both `X=` and `X!=` (tester AL6).
  @Test("nan compares false but with !=, 1e400 is inf, a blank cell is the empty value")
  func nanInfinityAndBlank() throws {
    var odd = Self.run("n", lr: "0.01", units: "16", dev: "nan", when: "2026-11-30T07:00:00Z")
    odd.metrics[0] = .init("train_loss", "NaN")
    let runs = RunListing(runs: listing.runs + [odd])
    func names(_ filter: String) throws -> [String] {
      try runs.filtered([RunFilter(parsing: filter)]).runs.map(\.name)
    }
    #expect(try names("dev_accuracy>0.5") == ["b", "a", "sweep/t1"])
    #expect(try names("dev_accuracy<=2") == ["b", "a", "sweep/t1"])
    #expect(try names("train_loss>-inf") == ["b", "a", "sweep/t1", "c"])
    #expect(try names("train_loss<1e400") == ["b", "a", "sweep/t1", "c"])
    #expect(try names("train_loss>-1e999") == ["b", "a", "sweep/t1", "c"])
    #expect(try names("dev_accuracy=nan").isEmpty)
    #expect(try names("dev_accuracy!=nan") == ["b", "a", "sweep/t1", "c", "n"])
    #expect(try names("dev_accuracy~nan") == ["n"])
    #expect(RunFilter.number("1e400") == .infinity)
    #expect(RunFilter.number("-1e400") == -.infinity)
    #expect(RunFilter.number("1e400x") == nil)
    // Sorted: nan after the numbers, before the blanks, either way.
    #expect(
      try runs.sorted(by: "dev_accuracy").runs.map(\.name) == ["a", "b", "sweep/t1", "n", "c"])
    #expect(
      try runs.sorted(by: "dev_accuracy", descending: true).runs.map(\.name) == [
        "sweep/t1", "b", "a", "n", "c",
      ])
    // Exactly one of X and not-X holds for every run, blank ones included.
    for (x, notX) in [
      ("dev_accuracy=", "dev_accuracy!="), ("dev_accuracy~", "dev_accuracy!~"),
      ("dev_accuracy=0.9", "dev_accuracy!=0.9"), ("dev_accuracy~9", "dev_accuracy!~9"),
    ] {
      let (kept, left) = (try names(x), try names(notX))
      #expect(Set(kept).isDisjoint(with: left), "\(x)")
      #expect(Set(kept + left) == Set(runs.runs.map(\.name)), "\(x)")
    }
    #expect(try names("dev_accuracy!=") == ["b", "a", "sweep/t1", "n"])
  }

  /// `--where X --columns C` (or `--sort C`) exited 64 "no listed run has a column C" when the
  /// filter kept only runs without C, though others in the folder have it (tester AL6).
  @Test("--columns and --sort may name a column only the filtered-out runs have")
  func columnsOfFilteredOutRuns() throws {
    let kept = try listing.filtered([RunFilter(parsing: "name=c")])
    #expect(kept.runs.map(\.name) == ["c"])
    let cells = try kept.sorted(by: "dev_accuracy").cells(columns: ["name", "dev_accuracy"])
    #expect(cells.header == ["name", "dev_accuracy"])
    #expect(cells.rows == [["c", ""]])
    // A sweep whose trials all failed: its objective is a column, blank in every row.
    var failed = Self.run("s/t", lr: "0.1", units: "8", dev: nil, when: "", kind: .trial)
    failed.objective = "dev_loss"
    let sweep = RunListing(runs: [failed])
    #expect(try sweep.filtered([RunFilter(parsing: "dev_loss<1")]).runs.isEmpty)
    #expect(try sweep.sorted(by: "dev_loss").cells(columns: ["dev_loss"]).rows == [[""]])
    // A column no run under the folder has is still an error.
    #expect(throws: ListingError.self) { try kept.cells(columns: ["name", "dev_acuracy"]) }
    #expect(throws: ListingError.self) { try kept.sorted(by: "dev_acuracy") }
  }
}
