import ArgumentParser
import Conventions
import Foundation
import Pipeline
import Reports
import Specs

/// `runner ls [DIR]`: every run and sweep trial under a results folder, one row each, filtered
/// and sorted by any column, as a table, CSV, JSON or Markdown (like `dvc exp show`).
struct LsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ls",
    abstract: "List the runs and sweep trials under a results folder, filtered and sorted.",
    discussion: """
      One row per run (a sweep's trials as <sweep>/<trial>): name, when it ran, the spec's \
      description, the final figures of summary.csv, and the parameters that differ between the \
      listed runs. --where COLUMN OP VALUE (OP: = != ~ !~ < <= > >=; ~ is contains) may name any \
      column, parameter key path, kind or path (of a sweep whose trials all failed, any figure \
      a run writes, blank in each row); two numbers compare as numbers (a nan cell \
      compares false with every OP but !=, as in pandas; 1e400 is inf), anything else \
      as text, and ordering a column of numbers by a value that is not a number is an error. \
      A blank cell is the empty value: COLUMN= keeps it, COLUMN!= the other runs. \
      Quote a condition with < or > (--where 'dev_accuracy>=0.9'), or the shell takes it as a \
      redirection. \
      The table fits the terminal (in a pipe: COLUMNS, else 80 characters), the columns past \
      it named in a last line (never those --where and --sort name, nor a sweep's parameters \
      when only its trials are listed; of --columns, the last ones) and long names shortened in \
      their middle, never so far that two read the same (widths in terminal cells: a Chinese, \
      Japanese or Korean character takes two); --wide prints every \
      column and whole names, --format csv or json every digit too. \
      A sweep's trial folders of an earlier version of its spec (not in its plan.csv) are listed \
      with status 'ok (earlier)' (kind earlier) and counted in a note; --where kind!=earlier \
      hides them. \
      Links to folders are not followed. Exit codes: 0 listed (also when no run matches), 64 bad \
      option, 65 a run folder's summary.csv or spec.resolved.yaml is malformed, the folder \
      cannot be read, or its name is not UTF-8 (the run is listed with blank cells, its name escaped as caf\\xE9, and a \
      warning names the file or folder), 66 no such folder (or a file), \(ExitStatus.osErrorHelp), \
      73 a system folder (/proc, /sys, /dev).
      """)

  @Argument(help: "The results folder (default: the project's results_dir, else results).")
  var directory: String?
  @Option(
    name: .customLong("where"),
    help: ArgumentHelp("Keep runs matching (repeatable).", valueName: "COLUMN OP VALUE"))
  var filters: [String] = []
  @Option(help: "Sort by this column.") var sort = "name"
  @Flag(help: "Sort descending.") var desc = false
  @Flag(help: "Sort ascending (the default).") var asc = false
  @Option(help: "table, csv, json or markdown.") var format = "table"
  @Option(
    help: ArgumentHelp("Show these columns, in this order (comma-separated).", valueName: "a,b"))
  var columns: String?
  @Flag(help: "Also list earlier runs kept in .history/.") var history = false
  @Flag(
    help:
      "Print every column of the table, however wide (by default it fits the terminal, or 80 characters in a pipe)."
  )
  var wide = false

  func run() throws {
    let console = Console()
    let directory = try self.directory ?? defaultResultsFolder(console)
    let root = URL(fileURLWithPath: directory, isDirectory: true)
    // A symbolic link loop (or a folder above that cannot be looked at) is named for what it
    // is, never "no such folder".
    let entry = PathEntry.of(root.path)
    guard entry != .missing else {
      console.error(
        "error: \(directory): no such folder (run a spec first, or name its results folder)")
      throw ExitCode(ExitStatus.noInput)
    }
    if let notAFolder = entry.notAFolder {
      console.error(
        "error: \(directory) \(notAFolder) (name the folder holding runs, e.g. "
          + "\(PathText.folder(of: directory).isEmpty ? "results" : PathText.folder(of: directory)))"
      )
      throw ExitCode(ExitStatus.noInput)
    }
    do { try ResultsIndex.check(root: root) } catch {
      console.error(error.description)
      throw ExitCode(error.exitCode)
    }
    do {
      let format = try ListingFormat(parsing: self.format)
      let chosen = columns.map {
        $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
      }
      // The columns asked of each run: a default its spec leaves unwritten is read for these.
      let asked = filters.map { (try? RunFilter(parsing: $0))?.column ?? $0 } + [sort]
      let all = RunListing(
        runs: ResultsIndex.runs(
          under: root, history: history, answering: Set(asked + (chosen ?? []))))
      let conditions = try filters.map { text throws(ListingError) in
        do throws(ListingError) { return try RunFilter(parsing: text) } catch {
          // `--where test_r2>=0.9` unquoted: the shell kept `test_r2` and redirected the rest.
          throw all.runs.contains { $0.value(text) != nil } ? ListingError.bareColumn(text) : error
        }
      }
      let listing = try all.filtered(conditions).sorted(by: sort, descending: desc && !asc)
      if format == .table, listing.runs.isEmpty, !all.runs.isEmpty {
        let condition = conditions.map { "--where '\($0)'" }.joined(separator: " ")
        let count = "\(all.runs.count) run\(all.runs.count == 1 ? "" : "s")"
        console.out("no run matches \(condition) (\(count) under \(directory))")
      } else if format == .json {
        // Through `portable`: a seed is a string, any integer past 2^53 too.
        let header = try listing.cells(columns: chosen).header
        console.out(listing.json(root: directory, header: header).portable.rendered)
      } else {
        console.out(
          try listing.rendered(
            format, columns: chosen, root: directory, width: wide ? nil : tableWidth(),
            keeping: conditions.map(\.column) + [sort]))
      }
      let rootPath = root.standardizedFileURL.path
      for note in listing.earlierTrialNotes(root: directory, rootPath: rootPath) {
        console.error(note)
      }
      // A run folder with a malformed file is listed with blank cells, and said so.
      let unreadable = all.runs.filter { !$0.problems.isEmpty }
      for run in unreadable {
        for problem in run.problems {
          console.error("warning: \(problem) (\(run.name) is listed with those cells blank)")
        }
      }
      if !unreadable.isEmpty { throw ExitCode(ExitStatus.dataError) }
    } catch let error as ExitCode {
      throw error
    } catch {
      console.error("error: \(error)")
      throw ExitCode(ExitStatus.usage)
    }
  }
}

/// The results folder of the project around the working directory (`results_dir` of the
/// `runner.yaml` found walking up), else `results`; a broken `runner.yaml` is printed and exits
/// 65, as every command that reads it does.
func defaultResultsFolder(_ console: Console) throws -> String {
  do {
    return try ProjectConfig.discover(from: FileManager.default.currentDirectoryPath).resultsDir
  } catch {
    console.error(error.description)
    throw ExitCode(error.exitCode)
  }
}

/// The width a table for reading fits: the terminal's (`terminalWidth`), else `COLUMNS`, else
/// 80 characters, as `dvc exp show` (rich) fits a pipe.
func tableWidth() -> Int {
  if let width = terminalWidth() { return width }
  if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n > 0 {
    return n
  }
  return 80
}

/// The width of the terminal `descriptor` (standard output by default) is, in characters
/// (`COLUMNS` first, as Python's `shutil.get_terminal_size`); nil when it is not a terminal.
func terminalWidth(of descriptor: Int32 = STDOUT_FILENO) -> Int? {
  guard isatty(descriptor) == 1 else { return nil }
  if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n > 0 {
    return n
  }
  var size = winsize()
  guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
  return Int(size.ws_col)
}
