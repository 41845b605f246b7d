#ifndef CMALLOCTUNING_H
#define CMALLOCTUNING_H

/// Makes glibc's malloc keep the memory a process frees for its next allocations: a fixed mmap
/// threshold of 32 MiB and a trim threshold of 1 GiB. Returns 1 when it did, 0 when the user
/// tuned malloc through the environment (MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_,
/// MALLOC_TRIM_THRESHOLD_, MALLOC_TOP_PAD_ or GLIBC_TUNABLES), which is then left as it is.
int cmalloctuning_keep_freed_memory(void);

#endif
