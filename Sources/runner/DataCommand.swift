import ArgumentParser
import Conventions
import Datasets
import Foundation
import Pipeline
import Reports
import Specs

/// `runner data`: the named datasets and what is inside data files.
struct DataCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data",
    abstract: "List the named datasets or show what a dataset or data file holds.",
    subcommands: [List.self, Show.self, Fetch.self, ShowSplit.self, Export.self])

  /// The same search path as runs (minus the spec directory): RUNNER_DATA_PATH, then
  /// runner.yaml's `data_path` (found from the current directory), then the download cache.
  /// `show` also looks in the current directory first, for files named by a path from here.
  /// A `runner.yaml` that does not validate is refused (located, exit 65), never ignored.
  /// `progress` is told of each download (a named dataset not downloaded yet).
  static func loader(
    currentDirectoryFirst: Bool = false,
    progress: @escaping @Sendable (DownloadProgress) -> Void = { _ in }
  ) throws -> DataLoader {
    let cwd = FileManager.default.currentDirectoryPath
    let project = try ProjectConfig.find(from: cwd).map { file throws(SpecError) in
      let project = try ProjectConfig.load(file: file)
      try project.checkBLASKernel()
      return project
    }
    let environment = ProcessInfo.processInfo.environment
    let locator = DataLocator.standard(
      specDirectory: currentDirectoryFirst ? cwd : nil, environment: environment,
      projectDataPath: project?.dataPath ?? [])
    return DataLoader(
      locator: locator,
      fetcher: DatasetFetcher(
        locator: locator, mirrors: DatasetFetcher.mirrors(environment: environment),
        progress: progress))
  }

  /// Runs `body`, printing a data error (or a broken `runner.yaml`) on stderr and exiting with
  /// its code (65 / 66).
  /// A file that is not found and was named like a dataset (`runner data show irs`) also gets
  /// the named datasets.
  static func reporting(named name: String? = nil, _ body: () throws -> Void) throws {
    do {
      try body()
    } catch let error as SpecError {
      Console().error(error.description)
      throw ExitCode(error.exitCode)
    } catch let error as DataError {
      let console = Console()
      // A file `show` does not find was looked for in the current folder first: no spec.
      var text =
        "\(console.red("error:")) \(error.message(firstLookedIn: "in the current folder"))"
      if case .fileNotFound = error, let name, !name.contains("/"), !name.contains(".") {
        let names = Catalog.all.map(\.name)
        let guess = name.closest(among: names).map { "did you mean '\($0)'? " } ?? ""
        text +=
          "\nhelp: '\(name)' is no named dataset either; \(guess)the named ones: "
          + names.joined(separator: ", ")
      }
      console.error(text)
      throw ExitCode(error.exitCode)
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "Show every named dataset and where its files were found.")
    @Flag(
      help: """
        Also verify the SHA-256 checksum of every file found; each bad file is named below the \
        table with how to get a good copy, and the exit status is then 65.
        """)
    var verify = false

    func run() throws {
      try DataCommand.reporting {
        let loader = try DataCommand.loader()
        let console = Console()
        let entries = try Inventory(locator: loader.locator, fetcher: loader.fetcher)
          .entries(verify: verify)
        console.out(Inventory.table(entries, verified: verify, fetcher: loader.fetcher))
        // A folder that does not exist is said so: it is searched, not expected.
        let searched = loader.locator.searchDirectories.map {
          PathEntry.of($0) == .missing ? $0 + " (absent)" : $0
        }
        console.out("\nsearched: " + searched.joined(separator: ", "))
        // Like `sha256sum -c`: every bad file named, then a failing exit status.
        let failures = entries.flatMap { $0.failures.compactMap { $0 } }
        for failure in failures { console.error("\(console.red("error:")) \(failure)") }
        if !failures.isEmpty { throw ExitCode(ExitStatus.dataError) }
      }
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Shape, element types, class balance and the first rows of a dataset or file.",
      discussion: """
        A named dataset (or a file of one, catvnoncat/train_catvnoncat.h5) not downloaded yet is \
        downloaded first, its progress on standard error, as a run would; `runner data list` \
        says which are downloaded.
        """)
    @Argument(
      help: ArgumentHelp(
        "A named dataset (\(Invocation.commandLine(["data", "list"]))) or a data file "
          + "(HDF5, NPY, NPZ, IDX, CSV)."))
    var nameOrFile: String
    @Option(help: "Number of rows to print.")
    var rows = 5
    @Option(
      help: ArgumentHelp(
        "Columns of a CSV table to show, by name (comma-separated or repeated); a table of more "
          + "than 100 columns shows its first and last 10 otherwise.",
        valueName: "names"))
    var columns: [String] = []

    func run() async throws {
      // Through the console: an output that cannot be written is exit 73, not a silent 0.
      let console = Console()
      try DataCommand.downloading(on: console) { display in
        try DataCommand.reporting(named: nameOrFile) {
          defer { display.end() }
          let loader = try DataCommand.loader(
            currentDirectoryFirst: true, progress: display.progress)
          let summary = try DataSummary.describe(
            nameOrFile, loader: loader, rows: rows, columns: columns)
          console.out(summary)
        }
      }
    }
  }

  struct Fetch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fetch",
      abstract: "Download a named dataset into the user cache and verify its SHA-256.",
      discussion: """
        Files already on the data search path are only verified. Mirrors are tried in order until \
        one gives the right bytes; RUNNER_DATASET_MIRRORS (space-separated base URLs laid out like \
        the data folder) replaces them. Exit status 66 when a file cannot be found or downloaded.
        """)
    @Argument(help: "A named dataset.")
    var name: String

    /// An unknown name is a usage error (exit 64), with the names that exist.
    func validate() throws {
      do { _ = try Catalog.named(name) } catch { throw ValidationError("\(error)") }
    }

    func run() async throws {
      let console = Console()
      try DataCommand.downloading(on: console) { display in
        try DataCommand.reporting {
          defer { display.end() }
          let dataset = try Catalog.named(name)
          let environment = ProcessInfo.processInfo.environment
          let fetcher = DatasetFetcher(
            locator: try DataCommand.loader().locator,
            mirrors: DatasetFetcher.mirrors(environment: environment),
            progress: display.progress)
          let paths = try fetcher.ensure(dataset)
          for path in paths { console.out(path) }
        }
      }
    }
  }

  /// Runs `body` of a data command that may download a catalog file, its progress drawn by the
  /// `DownloadDisplay` given, with the stops installed: a Ctrl-C or SIGTERM removes the partial
  /// download and exits 130 or 143, saying that the files fetched so far are whole (or, before
  /// any download began, that nothing was written).
  static func downloading(on console: Console, _ body: (DownloadDisplay) throws -> Void) throws {
    Interrupt.installStops(console: console) {
      DatasetFetcher.hasBegunDownloading
        ? "\($0): the files fetched so far are whole and verified; run the same command again "
          + "for the rest" : "\($0): nothing was written"
    }
    defer { Interrupt.finish() }
    let display = DownloadDisplay(console: console)
    defer { display.end() }
    try body(display)
  }

  struct ShowSplit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "split",
      abstract: "List the part (train, dev, test, train_dev) each row of a spec's data goes to.",
      discussion: """
        One CSV row per data row, as the run divides them: source (data: the one source the \
        split divides; train, dev, test: a given set), row (0-based, in the source's order), \
        part, and learning_curve_order when the spec asks for a learning curve (a point of n rows \
        trains on the training rows whose order is below n). Only the targets are read; a named \
        dataset not downloaded yet is downloaded first, as a run would. A sweep spec lists its \
        trials' rows when every trial divides the data (and orders a learning curve) alike, as \
        a seed axis of the spec's own seed does; trials that divide it each their own way are \
        refused at the axis. Exit status 65 for a bad spec or data (or such a sweep), 66 when a \
        file is missing.
        """)
    @Argument(help: "The experiment spec (YAML), or a run's spec.resolved.yaml.")
    var spec: String

    @OptionGroup var specOptions: SpecCommandOptions

    func run() async throws {
      let console = Console(color: specOptions.color)
      try DataCommand.downloading(on: console) { display in
        let listing: (table: CSVTable, summary: String)
        do throws(PipelineError) {
          listing = try SplitListing.run(
            specPath: spec, options: RunOptions(spec: specOptions.loaderOptions),
            progress: display.progress)
        } catch {
          display.end()
          console.error(render(error, console: console))
          throw ExitCode(error.exitCode)
        }
        console.out(listing.table.rendered)
        console.error(listing.summary)
      }
    }
  }

  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write every row of a spec's data, generated or read, as CSV with its part.",
      discussion: """
        One CSV row per data row: source, row and part as `data split` gives them, then the \
        features and the target(s) as the run reads them, before preprocessing (a table's \
        columns by name, a named dataset's table's too; else x1…xN, a sample of several axes \
        flattened in C order, and the target y, y1… for several; a class as its index in the \
        run's order of classes, which standard error lists). Numbers print as results print them (the shortest text that reads back \
        the same value). A named dataset not downloaded yet is downloaded first, as a run would. \
        The output (-o, default - for standard output) is written atomically; an existing file \
        is replaced only when it is, byte for byte, the data export the runner wrote there (its \
        digest is recorded in .runner-written.sha256 beside it), or with --force, and never \
        when it is an input (the spec, a data file of it); a symbolic link is never written \
        through. A sweep spec is exported as `data split` lists it: its trials' rows when \
        every trial divides the data alike, else refused at the axis. Exit status 65 for a bad \
        spec or data (or such a sweep) or -o in the regression gate's baselines, 66 when a \
        file is missing, 73 when the output is \
        refused or cannot be created.
        """)
    @Argument(help: "The experiment spec (YAML), or a run's spec.resolved.yaml.")
    var spec: String

    @Option(
      name: .shortAndLong,
      help: "Where to write the rows (- for standard output; ./- for a file named -).")
    var output = "-"

    @Flag(
      help: "Replace an existing output file or link the runner did not write (never an input).")
    var force = false

    @OptionGroup var specOptions: SpecCommandOptions

    func run() async throws {
      let console = Console(color: specOptions.color)
      Interrupt.installStops(console: console, output: output, what: "export")
      defer { Interrupt.finish() }
      let options = RunOptions(spec: specOptions.loaderOptions)
      if output != "-" {
        try refuseGateBaselines(
          URL(fileURLWithPath: output), subject: "-o '\(output)'",
          instead: "write the rows elsewhere (-o)", console: console)
      }
      let display = DownloadDisplay(console: console)
      try showingOutputFileErrors(on: console) {
        defer { display.end() }
        if output != "-" {
          try OwnedOutput.check(
            output, kind: DataExport.kind,
            inputs: DataExport.inputs(specPath: spec, options: options), force: force)
        }
        let export = try DataExport.run(
          specPath: spec, options: options, progress: display.progress)
        guard output != "-" else {
          console.out(export.text)
          console.error(export.summary)
          return
        }
        try OwnedOutput.write(export.text, to: output, kind: DataExport.kind)
        console.error(export.summary)
        console.out(output)
      }
    }
  }
}
