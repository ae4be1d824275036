import Foundation
import Testing

/// Under a `ulimit -v` that leaves no room for data, the commands that only print run; the
/// ones that load data are still refused with what to raise (exit 64).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct PrintingUnderUlimitBinaryTests {
  // Tester s43 AX F8: `runner --version`, `ls`, `env` and `data list` exited 64 with the memory
  // refusal under ulimit -v 300000, though they allocate no data. (Below about 150 000 KB the
  // dynamic loader itself fails, before the runner starts.)
  @Test func commandsThatOnlyPrintRunUnderATightUlimit() throws {
    let dir = SweepBinary.temporaryDirectory(#function)
    // An empty cache, downloads off: nothing is fetched, whatever runs.
    let cache = [
      "XDG_CACHE_HOME": dir.appendingPathComponent("cache").path, "RUNNER_DATASET_MIRRORS": "",
    ]
    let printing = [
      ["--version"], ["--help"], ["help", "run"], ["ls", dir.path], ["env"], ["env", "--kernel"],
      ["data", "list"],
    ]
    for kilobytes in [200_000, 300_000] {
      for arguments in printing {
        let r = try SweepBinary.run(
          arguments, environment: cache, addressSpaceLimit: kilobytes, killAfter: 120)
        #expect(
          !r.killed && r.status == 0, "\(kilobytes) KB \(arguments): \(r.status) \(r.error)")
        #expect(!r.error.contains("ulimit"), "\(arguments): \(r.error)")
        #expect(!r.output.isEmpty, "\(arguments)")
      }
      // A command that loads data is refused as before.
      let show = try SweepBinary.run(
        ["data", "show", "catvnoncat"], environment: cache, addressSpaceLimit: kilobytes,
        killAfter: 120)
      #expect(!show.killed && show.status == 64, "\(show.status) \(show.error)")
      #expect(show.error.contains("raise the ulimit -v"), "\(show.error)")
    }
  }
}
