#include "allocator_tuning.h"
// Any C library header says which library this is; __GLIBC__ is undefined before one.
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>

int vitext_keep_freed_memory(void) {
  // 32 MiB is glibc's ceiling for the mmap threshold on 64-bit; blocks below it come from the heap.
  int applied = mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  applied &= mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
  return applied;
}
#else
int vitext_keep_freed_memory(void) { return 0; }
#endif
