import Datasets
import Specs

extension ExperimentRunner {
  /// A command that reads a spec's data whole and lists its rows (`runner data split`, `data
  /// export`): its name and the bytes a row of its listing takes in memory.
  public struct DataListing: Sendable {
    /// The command, for the refusal (`data export`).
    var command: String
    /// Cells of a row besides the features, and whether the features are listed too.
    var cells: Double
    var listsFeatures: Bool
    /// Bytes a cell takes.
    var bytesPerCell: Double

    /// `runner data split`: source, row, part and the learning curve's order, 128 bytes a cell
    /// (a string each).
    public static let split = DataListing(
      command: "data split", cells: 4, listsFeatures: false, bytesPerCell: 128)
    /// `runner data export`: those three, a target and the features, as text grown by
    /// doubling (64 bytes a cell: a number's shortest text, its comma, and room to grow).
    public static let export = DataListing(
      command: "data export", cells: 4, listsFeatures: true, bytesPerCell: 64)

    /// Bytes of a row's listing when a row has `features`.
    func bytesPerRow(_ features: Double) -> Double {
      (cells + (listsFeatures ? features : 0)) * bytesPerCell
    }
  }

  /// Refuses `listing` of `loaded`'s data, located at the data's key, when the data as a run
  /// reads it (`MemoryEstimate.data`), the listing and the runner's own share exceed the memory
  /// limit: they read it whole, and took 184 MB under a 100 MB limit that `data show` enforced
  /// on the same table (tester BS-6).
  static func checkMemory(_ listing: DataListing, of loaded: LoadedSpec, context: ProjectContext)
    throws(PipelineError)
  {
    let budget = try memoryBudget(environment: context.environment)
    let footprint = DataFootprint.of(loaded, context: context)
    let data = MemoryEstimate.of(loaded, context: context, footprint: footprint).data
    let table = footprint.samples * listing.bytesPerRow(footprint.features)
    let needed = data + table + MemoryBudget.processOverhead
    guard needed > budget.limit, footprint.readable else { return }
    if budget.limit < MemoryBudget.processOverhead { throw .environment(belowOverhead(budget)) }
    let diagnostic = loaded.sourceMap.diagnostic(
      .error, at: footprint.path,
      "\(listing.command) needs about \(MemoryBudget.format(needed)) of memory (data "
        + "\(MemoryBudget.format(data)) + listing \(MemoryBudget.format(table)) + runner "
        + "\(MemoryBudget.format(MemoryBudget.processOverhead))), more than the "
        + "\(MemoryBudget.format(budget.limit)) limit (\(budget.source))",
      note: advice(for: footprint.path, budget: budget, needed: needed))
    throw .spec(.invalid([diagnostic]))
  }
}
