#define _GNU_SOURCE
#include "process_control.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

int runner_affinity_cpu_count(void) {
#ifdef __linux__
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
  return CPU_COUNT(&set);
#else
  return 0;
#endif
}

int runner_set_thread_name(const char *name) {
#ifdef __linux__
  return prctl(PR_SET_NAME, name, 0, 0, 0);
#else
  (void)name;
  return -1;
#endif
}

int runner_pin_thread_to_one_cpu(void) {
#ifdef __linux__
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return -1;
  for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
    if (CPU_ISSET(cpu, &set)) {
      CPU_ZERO(&set);
      CPU_SET(cpu, &set);
      return sched_setaffinity(0, sizeof set, &set);
    }
  }
  return -1;
#else
  return -1;
#endif
}

static int closed_streams = 0;

/// Opens /dev/null on each standard stream the process started without (`runner >&-`),
/// before main: the runtime's next descriptor (an eventfd, an epoll set) would take the
/// number, and the output would be written into it.
/// A re-executed runner (`BLASKernelSetup.apply`) finds them open on /dev/null: the first
/// process passes them in RUNNER_CLOSED_STREAMS, read here and removed.
__attribute__((constructor(101))) static void runner_pin_closed_streams(void) {
  const char *passed = getenv("RUNNER_CLOSED_STREAMS");
  if (passed != NULL) {
    closed_streams = atoi(passed) & 7;
    unsetenv("RUNNER_CLOSED_STREAMS");
  }
  for (int descriptor = 0; descriptor <= 2; descriptor++) {
    if (fcntl(descriptor, F_GETFD) != -1 || errno != EBADF) continue;
    int null = open("/dev/null", O_RDWR);
    if (null < 0) continue;
    if (null != descriptor) {
      dup2(null, descriptor);
      close(null);
    }
    closed_streams |= 1 << descriptor;
  }
}

int runner_closed_standard_streams(void) { return closed_streams; }
