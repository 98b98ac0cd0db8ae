#include "allocator_tuning.h"

#if defined(__GLIBC__)
#include <malloc.h>

void vitext_keep_freed_memory(void) {
  // 32 MiB is glibc's ceiling for the mmap threshold on 64-bit; blocks below it come from the heap.
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
}
#else
void vitext_keep_freed_memory(void) {}
#endif
