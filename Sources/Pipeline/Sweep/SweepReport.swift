import Foundation
import Reports

/// The sweep folder's `report.md`, `report.html` and `plots/` (final figures against each swept
/// key), rebuilt from `summary.csv` and `plan.csv` by `Reports` after every sweep and merge, so
/// they are byte-identical for an unsharded run, a resumed run and a merge.
enum SweepReport {
  static func rebuild(in layout: SweepLayout, name: String) throws(ResultsFileError) {
    _ = try ResultsReport.rebuild(in: layout.directory, name: name)
  }
}
