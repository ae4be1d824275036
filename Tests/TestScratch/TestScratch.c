// Every test process works in a temporary folder of its own, removed when the process exits.
//
// Before any test runs, a fresh folder `runner-test-process-XXXXXX` is made (mkdtemp) in the
// temporary directory the tests were given (TMPDIR, else /tmp) and TMPDIR is pointed at it, so
// that everything the tests put in the temporary directory (each test's results folders, the
// reference runs that suites keep in static properties for the whole process, the files of
// runner subprocesses started with the test process's environment) lands in it. When the test process exits it removes
// that folder, which it made itself under a name no other process chose: nothing else is ever
// removed. Links in it are removed, never followed; folders a test left read-only are opened
// first. A bare `swift test` thus leaves nothing in the temporary directory, and
// scripts/test.sh, which gives the tests a private TMPDIR of its own, works as before.
// nftw and its flags are X/Open (POSIX 2008 with XSI).
#define _XOPEN_SOURCE 700

#include "TestScratch.h"

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[PATH_MAX];
static pid_t owner;

const char *runner_test_scratch_root(void) { return root; }

/// Lets the owner into a folder a test left without write or search permission.
static int open_up(const char *path, const struct stat *info, int type, struct FTW *walk) {
  (void)walk;
  if (type == FTW_D && (info->st_mode & S_IRWXU) != S_IRWXU) {
    chmod(path, (info->st_mode & 07777) | S_IRWXU);
  }
  return 0;
}

/// Removes one entry (children before their folder); a link itself, never what it names.
static int remove_entry(const char *path, const struct stat *info, int type, struct FTW *walk) {
  (void)info, (void)type, (void)walk;
  remove(path);
  return 0;
}

/// At exit: removes the folder, only in the process that made it (not in a forked child).
static void remove_root(void) {
  if (root[0] == 0 || getpid() != owner) return;
  nftw(root, open_up, 32, FTW_PHYS | FTW_MOUNT);
  nftw(root, remove_entry, 32, FTW_PHYS | FTW_MOUNT | FTW_DEPTH);
}

__attribute__((constructor)) static void make_root(void) {
  const char *parent = getenv("TMPDIR");
  if (parent == NULL || parent[0] == 0) parent = "/tmp";
  int length = snprintf(root, sizeof root, "%s/runner-test-process-XXXXXX", parent);
  if (length < 0 || (size_t)length >= sizeof root || mkdtemp(root) == NULL) {
    root[0] = 0;
    return;
  }
  // An absolute path, so that a test changing the working directory cannot move it.
  char absolute[PATH_MAX];
  if (realpath(root, absolute) == NULL) {
    rmdir(root);
    root[0] = 0;
    return;
  }
  snprintf(root, sizeof root, "%s", absolute);
  owner = getpid();
  if (atexit(remove_root) != 0 || setenv("TMPDIR", root, 1) != 0) {
    rmdir(root);
    root[0] = 0;
  }
}
