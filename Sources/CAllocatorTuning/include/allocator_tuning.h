#ifndef VITEXT_ALLOCATOR_TUNING_H
#define VITEXT_ALLOCATOR_TUNING_H

/// Asks glibc's malloc to keep freed memory for reuse instead of handing it back to the kernel.
///
/// A search decodes postings into arrays of tens to hundreds of kilobytes and frees them when it
/// returns. By default glibc serves such blocks with mmap and unmaps them on free, and trims
/// what lies past an arena's top, so every query pays page faults for memory it had a moment
/// ago. Measured with `perf stat -e page-faults` over 1,000 runs of "và của các" on the gov
/// benchmark index: 680,000 faults by default, 2,200 with these settings, and the query's median
/// 1.93 ms became 0.83 ms. Long-running processes (the service, the benchmark engine) call this
/// once at start. Returns 1 when glibc took every setting, 0 elsewhere (a no-op off glibc).
int vitext_keep_freed_memory(void);

#endif
