#include "crash_guard.h"

#include <pthread.h>
#include <semaphore.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const int guarded_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
enum { guarded_count = sizeof guarded_signals / sizeof guarded_signals[0] };
// The action each signal had before the guard's handler was installed.
static struct sigaction previous_actions[guarded_count];
static pthread_once_t install_once = PTHREAD_ONCE_INIT;
// The worker's job handed over (`job_ready`) and its result handed back (`job_done`).
static sem_t job_ready, job_done;
// Frees a thread's alternate signal stack when the thread ends.
static pthread_key_t alternate_stack_key;

// Where a caught signal returns to, while a guarded body runs on this thread (else NULL).
static _Thread_local sigjmp_buf *active_jump;
static _Thread_local volatile sig_atomic_t caught_signal;

static void handle(int signal_number, siginfo_t *info, void *ucontext) {
  (void)ucontext;
  sigjmp_buf *jump = active_jump;
  if (jump != NULL) {
    active_jump = NULL;
    caught_signal = signal_number;
    siglongjmp(*jump, 1);
  }
  // Not guarded: the previous action takes it. A fault the kernel raised happens again when
  // the handler returns; a signal sent (abort, kill) is sent again, delivered on return.
  for (int i = 0; i < guarded_count; i++) {
    if (guarded_signals[i] != signal_number) continue;
    struct sigaction action = previous_actions[i];
    if (!(action.sa_flags & SA_SIGINFO) && action.sa_handler == SIG_IGN) {
      action.sa_handler = SIG_DFL;  // an ignored fault would fault forever
    }
    sigaction(signal_number, &action, NULL);
    if (info == NULL || info->si_code <= 0) raise(signal_number);
    return;
  }
}

static void free_alternate_stack(void *stack) {
  stack_t disable = {.ss_flags = SS_DISABLE};
  sigaltstack(&disable, NULL);
  free(stack);
}

static void install(void) {
  sem_init(&job_ready, 0, 0);
  sem_init(&job_done, 0, 0);
  pthread_key_create(&alternate_stack_key, free_alternate_stack);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = handle;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  for (int i = 0; i < guarded_count; i++) {
    sigaction(guarded_signals[i], &action, &previous_actions[i]);
  }
}

// Gives the calling thread an alternate signal stack (once), so a stack overflow in the
// body (deep recursion over a cyclic structure) is caught too.
static void ensure_alternate_stack(void) {
  stack_t current;
  if (sigaltstack(NULL, &current) == 0 && !(current.ss_flags & SS_DISABLE)) return;
  size_t size = 64 * 1024;
  void *memory = malloc(size);
  if (memory == NULL) return;
  stack_t stack = {.ss_sp = memory, .ss_size = size, .ss_flags = 0};
  if (sigaltstack(&stack, NULL) != 0) {
    free(memory);
    return;
  }
  pthread_setspecific(alternate_stack_key, memory);
}

// Runs `body(context)` on the calling thread, returning 0 or the signal caught in it.
static int run_guarded(void (*body)(void *), void *context) {
  sigjmp_buf jump;
  caught_signal = 0;
  if (sigsetjmp(jump, 1) != 0) {
    active_jump = NULL;
    return caught_signal;
  }
  active_jump = &jump;
  body(context);
  active_jump = NULL;
  return 0;
}

// The worker thread every guarded body runs on, and the one job it is given at a time. A body
// that crashed may have left the worker's allocator arena locked (a fault inside malloc), so
// after a crash the worker parks forever, never allocating again, and the next call starts a
// new one; the caller, on its own thread and arena, goes on.
static pthread_mutex_t call_lock = PTHREAD_MUTEX_INITIALIZER;
static int worker_running;
static void (*job_body)(void *);
static void *job_context;
static int job_result;

static void *work(void *unused) {
  (void)unused;
  ensure_alternate_stack();
  for (;;) {
    while (sem_wait(&job_ready) != 0) {}
    int result = run_guarded(job_body, job_context);
    job_result = result;
    sem_post(&job_done);
    if (result != 0) {
      for (;;) pause();
    }
  }
  return NULL;
}

int runner_crash_guarded(void (*body)(void *), void *context) {
  pthread_once(&install_once, install);
  pthread_mutex_lock(&call_lock);
  if (!worker_running) {
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attributes, 8 << 20);
    pthread_t worker;
    if (pthread_create(&worker, &attributes, work, NULL) != 0) {
      pthread_attr_destroy(&attributes);
      pthread_mutex_unlock(&call_lock);
      body(context);  // no thread to spare: unguarded, as before the guard
      return 0;
    }
    pthread_attr_destroy(&attributes);
    worker_running = 1;
  }
  job_body = body;
  job_context = context;
  sem_post(&job_ready);
  while (sem_wait(&job_done) != 0) {}
  int result = job_result;
  if (result != 0) worker_running = 0;
  pthread_mutex_unlock(&call_lock);
  return result;
}
