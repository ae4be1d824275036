#ifndef RUNNER_CHDF5_SHIM_H
#define RUNNER_CHDF5_SHIM_H
#include <hdf5.h>

// H5T_NATIVE_* and H5F_ACC_* are macros (or globals behind macros) that Swift cannot import
// in Swift 6 mode; these inline functions hand them over.
static inline hid_t runner_h5t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t runner_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t runner_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t runner_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t runner_h5t_c_s1(void) { return H5T_C_S1; }
static inline unsigned runner_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline hid_t runner_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t runner_h5s_all(void) { return H5S_ALL; }
#endif
