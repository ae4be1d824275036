#ifndef RUNNER_CRASH_GUARD_H
#define RUNNER_CRASH_GUARD_H

// Runs `body(context)` and returns 0 when it returns, or the number of the signal (SIGSEGV,
// SIGBUS, SIGFPE, SIGILL, SIGABRT) it raised, which is caught: the call returns instead of the
// process dying. A C library that crashes on damaged input (libhdf5 on a damaged file) is
// called through it. The body runs on a worker thread of the guard's (one call at a time; the
// caller waits): a crash may leave that thread's allocator arena locked (a fault inside
// malloc), so that thread is parked for good and the caller goes on with its own. Whatever the
// body had not finished is abandoned (its memory is not freed and the library's state may be
// corrupt), so the caller must stop using that library. The same signals on any other thread
// still reach the action that was there before: a real crash still crashes.
int runner_crash_guarded(void (*body)(void *), void *context);

#endif
