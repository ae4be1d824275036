#ifndef RUNNER_CRASH_GUARD_H
#define RUNNER_CRASH_GUARD_H

// Runs `body(context)` on the calling thread and returns 0 when it returns, or the number of
// the signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) it raised on this thread, which is
// caught: the call returns instead of the process dying. A C library that crashes on damaged
// input (libhdf5 on a damaged file) is called through it; whatever the body had not finished
// is abandoned (its memory is not freed and the library's state may be corrupt), so the caller
// must stop using that library. The same signal outside a guarded body (or on another thread)
// still reaches the action that was there before: a real crash still crashes.
int runner_crash_guarded(void (*body)(void *), void *context);

#endif
