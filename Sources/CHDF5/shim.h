#ifndef RUNNER_CHDF5_SHIM_H
#define RUNNER_CHDF5_SHIM_H
#include <hdf5.h>
#include <stdio.h>
#include <stdlib.h>

// H5T_NATIVE_* and H5F_ACC_* are macros (or globals behind macros) that Swift cannot import
// in Swift 6 mode; these inline functions hand them over.
static inline hid_t runner_h5t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t runner_h5t_native_int8(void) { return H5T_NATIVE_INT8; }
static inline hid_t runner_h5t_native_uint16(void) { return H5T_NATIVE_UINT16; }
static inline hid_t runner_h5t_native_int16(void) { return H5T_NATIVE_INT16; }
static inline hid_t runner_h5t_native_uint32(void) { return H5T_NATIVE_UINT32; }
static inline hid_t runner_h5t_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t runner_h5t_native_uint64(void) { return H5T_NATIVE_UINT64; }
static inline hid_t runner_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t runner_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t runner_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t runner_h5t_c_s1(void) { return H5T_C_S1; }
static inline unsigned runner_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned runner_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline hid_t runner_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t runner_h5s_all(void) { return H5S_ALL; }
static inline hid_t runner_h5e_default(void) { return H5E_DEFAULT; }
static inline hid_t runner_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }

// Skips HDF5's exit-time cleanup (H5dont_atexit, before the library starts): every file the
// runner opens is closed when the call returns, and that cleanup could print "HDF5: infinite
// loop closing library" at exit. Call once, before any other HDF5 call.
static inline void runner_h5_start(void) {
  H5dont_atexit();
  H5open();
}

// Silences HDF5's automatic error printing on stderr for the calling thread; the runner
// reports errors itself. A thread-safe HDF5 build (Debian's) keeps this setting per thread.
static inline void runner_h5_silence_errors(void) {
  H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
}

// The name of link `index` (name order) in the group `group`, copied into `buffer`;
// returns the full name length, or a negative value on error.
static inline ssize_t runner_h5_link_name(hid_t group, hsize_t index, char *buffer, size_t size) {
  return H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, buffer, size, H5P_DEFAULT);
}

// Copies the most specific message on the calling thread's HDF5 error stack (for a dataset
// that does not open: "storage size exceeds buffer size") into `buffer`; "" when there is none.
static inline herr_t runner_h5_first_error(unsigned n, const H5E_error2_t *error, void *buffer) {
  if (n == 0 && error->desc != NULL) snprintf((char *)buffer, 256, "%s", error->desc);
  return 0;
}
static inline void runner_h5_error_reason(char buffer[256]) {
  buffer[0] = 0;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, runner_h5_first_error, buffer);
}

// A link-creation property list that creates missing intermediate groups ("a/b/x");
// close it with H5Pclose.
static inline hid_t runner_h5_intermediate_groups_lcpl(void) {
  hid_t plist = H5Pcreate(H5P_LINK_CREATE);
  H5Pset_create_intermediate_group(plist, 1);
  return plist;
}
// The type of link `name` under `loc` (H5L_TYPE_HARD, H5L_TYPE_SOFT, H5L_TYPE_EXTERNAL; or
// H5L_TYPE_ERROR when there is none), never following it; its value copied into `buffer`:
// a soft link's path, an external link's file and object path, NUL-separated.
static inline int runner_h5_link(hid_t loc, const char *name, char *buffer, size_t size) {
  buffer[0] = 0;
  buffer[1] = 0;
  H5L_info_t info;
  if (H5Lexists(loc, name, H5P_DEFAULT) <= 0 || H5Lget_info(loc, name, &info, H5P_DEFAULT) < 0)
    return H5L_TYPE_ERROR;
  if (info.type != H5L_TYPE_SOFT && info.type != H5L_TYPE_EXTERNAL) return info.type;
  size_t n = info.u.val_size;
  char *value = malloc(n + 1);
  if (value != NULL && H5Lget_val(loc, name, value, n, H5P_DEFAULT) >= 0) {
    value[n] = 0;
    const char *file = "", *object = "";
    unsigned flags = 0;
    if (info.type == H5L_TYPE_SOFT) {
      snprintf(buffer, size, "%s", value);
    } else if (H5Lunpack_elink_val(value, n, &flags, &file, &object) >= 0) {
      int at = snprintf(buffer, size, "%s", file);
      if (at >= 0 && (size_t)at + 1 < size) snprintf(buffer + at + 1, size - at - 1, "%s", object);
    }
  }
  free(value);
  return info.type;
}
#endif
