#ifndef RUNNER_PROCESS_CONTROL_H
#define RUNNER_PROCESS_CONTROL_H

/// The number of CPUs in the calling thread's affinity mask (sched_getaffinity, as `nproc`
/// counts them); 0 when it cannot be read.
int runner_affinity_cpu_count(void);

/// Sets the calling thread's name, which for the main thread is the process's name `ps`,
/// `pgrep` and `killall` see (prctl PR_SET_NAME; the kernel keeps 15 bytes). 0 on success.
int runner_set_thread_name(const char *name);

/// Restricts the calling thread to its first allowed CPU (tests: a `taskset -c` of one
/// thread). 0 on success.
int runner_pin_thread_to_one_cpu(void);

/// The standard streams the process started without, as bits (1 << 1: standard output),
/// each since opened on /dev/null before main so the runtime does not reuse its number.
int runner_closed_standard_streams(void);

#endif
