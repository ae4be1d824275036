#ifndef RUNNER_TEST_SCRATCH_H
#define RUNNER_TEST_SCRATCH_H

/// The test process's own temporary folder (TMPDIR while the tests run), removed when the
/// process exits; empty when it could not be made (TMPDIR is then left as it was).
const char *runner_test_scratch_root(void);

#endif
