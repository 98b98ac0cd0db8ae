#ifndef VITEXT_ALLOCATOR_TUNING_H
#define VITEXT_ALLOCATOR_TUNING_H

/// Asks glibc's malloc to keep freed memory for reuse instead of handing it back to the kernel.
///
/// A search decodes postings into arrays of tens to hundreds of kilobytes and frees them when it
/// returns. By default glibc serves such blocks with mmap and unmaps them on free (and trims the
/// heap top past 128 KiB), so every query pays page faults and TLB shootdowns for memory it had a
/// moment ago: 10-15% of a server's query time on the gov corpus. Long-running processes (the
/// service, the benchmark engine) call this once at start. A no-op off glibc.
void vitext_keep_freed_memory(void);

#endif
