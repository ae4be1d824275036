#ifndef RUNNER_CCPUID_SHIM_H
#define RUNNER_CCPUID_SHIM_H
// The x86 CPUID and XGETBV instructions, for choosing a BLAS kernel the CPU can run.
// On other architectures every function reports "not available".
#include <stdint.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

/// 1 on x86 (CPUID available), 0 elsewhere.
static inline int runner_cpuid_available(void) { return 1; }

/// Runs CPUID for `leaf`/`subleaf`; returns 0 when the leaf is beyond the CPU's maximum.
static inline int runner_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t *regs) {
  unsigned int a = 0, b = 0, c = 0, d = 0;
  unsigned int top = __get_cpuid_max(leaf & 0x80000000u, 0);
  if (top == 0 || leaf > top) return 0;
  __cpuid_count(leaf, subleaf, a, b, c, d);
  regs[0] = a; regs[1] = b; regs[2] = c; regs[3] = d;
  return 1;
}

/// XCR0: which register states the operating system saves (bit 1 SSE, 2 AVX, 5-7 AVX-512).
static inline uint64_t runner_xgetbv0(void) {
  uint32_t eax, edx;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return ((uint64_t)edx << 32) | eax;
}
#else
static inline int runner_cpuid_available(void) { return 0; }
static inline int runner_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t *regs) {
  (void)leaf; (void)subleaf; (void)regs;
  return 0;
}
static inline uint64_t runner_xgetbv0(void) { return 0; }
#endif

#endif
