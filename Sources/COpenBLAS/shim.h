#ifndef RUNNER_COPENBLAS_SHIM_H
#define RUNNER_COPENBLAS_SHIM_H
// OpenBLAS's CBLAS interface; also declares openblas_set_num_threads / openblas_get_num_threads.
#include <cblas.h>
#endif
