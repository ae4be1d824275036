import Foundation
import Testing

@testable import Engine

/// OpenBLAS's build description as `environment.csv` records it: the same from every thread,
/// though `openblas_get_config` writes it into one static buffer (a sweep's jobs read it at once).
@Suite struct BLASBuildConfigurationTests {
  @Test func readFromManyThreadsAtOnceItIsTheSameText() async {
    let texts = await withTaskGroup(of: [String].self) { group in
      for _ in 0..<8 {
        group.addTask { (0..<200).map { _ in BLAS.buildConfiguration } }
      }
      var all: [String] = []
      for await texts in group { all += texts }
      return all
    }
    #expect(Set(texts).count == 1)
    #expect(texts.first?.hasPrefix("OpenBLAS") == true)
  }
}
