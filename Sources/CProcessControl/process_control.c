#define _GNU_SOURCE
#include "process_control.h"

#include <sched.h>
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
