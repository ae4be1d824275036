import Pipeline
import Testing

/// OpenBLAS's thread variables never change a run (the spec's `threads` does), and a note says
/// so when they ask for another count.
@Suite struct BLASThreadVariablesTests {
  @Test func aVariableAskingForAnotherCountIsNoted() {
    #expect(
      BLASThreadVariables.note(threads: 1, cpus: 4, environment: ["OPENBLAS_NUM_THREADS": "2"])
        == "note: OPENBLAS_NUM_THREADS=2 is ignored: BLAS threads come from the spec's threads "
        + "(1), for the same results on every machine (write threads: 2 in the spec to use 2)")
    let all = ["OPENBLAS_NUM_THREADS": "8", "OMP_NUM_THREADS": "8", "GOTO_NUM_THREADS": "8"]
    #expect(
      BLASThreadVariables.note(threads: 1, cpus: 2, environment: all)
        == "note: OPENBLAS_NUM_THREADS=8, GOTO_NUM_THREADS=8 and OMP_NUM_THREADS=8 are "
        + "ignored: BLAS threads come from the spec's threads (1), for the same results on every "
        + "machine (write threads: 2 in the spec to use 2)")
    // Already at the machine's CPUs: no count to suggest.
    #expect(
      BLASThreadVariables.note(threads: 2, cpus: 2, environment: ["OMP_NUM_THREADS": "4"])?
        .hasSuffix("threads (2), for the same results on every machine") == true)
    #expect(
      BLASThreadVariables.note(threads: 1, cpus: 2, environment: ["OMP_NUM_THREADS": "4,2"])?
        .hasPrefix("note: OMP_NUM_THREADS=4,2 is ignored") == true)
  }

  @Test func variablesThatAgreeOrAreEmptyAreNotNoted() {
    #expect(BLASThreadVariables.note(threads: 2, cpus: 4, environment: [:]) == nil)
    #expect(
      BLASThreadVariables.note(
        threads: 2, cpus: 4, environment: ["OPENBLAS_NUM_THREADS": "2", "OMP_NUM_THREADS": ""])
        == nil)
  }
}
