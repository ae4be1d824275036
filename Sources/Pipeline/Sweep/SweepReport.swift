import Foundation
import Reports

/// The sweep folder's `report.md`, `report.html` and `plots/` (final figures against each swept
/// key), rebuilt from `summary.csv` and `plan.csv` by `Reports` after every sweep and merge, so
/// they are byte-identical for an unsharded run, a resumed run and a merge. The report (a rung's
/// too) is titled by the output its trials' resolved specs name, as `runner report` titles it
/// (`ResultsReport.title(in:plan:)`), not by the folder it is written in. A report you annotated
/// there is kept in `.history/` first, as `runner report` keeps it (`ReportRewrite`).
enum SweepReport {
  /// Rebuilds the report in `layout`; returns the note on the edited report kept, if any.
  static func rebuild(in layout: SweepLayout) throws(ResultsFileError) -> String? {
    var kept: String?
    try ReportRewrite.write(ResultsReport(directory: layout.directory), to: layout.directory) {
      kept = $0
    }
    return kept
  }
}
