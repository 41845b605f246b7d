// Why: a training step allocates its activations and gradients (MBs for the convolutional
// lessons) and frees them at the end of the step. With glibc's defaults freed memory goes back to
// the kernel (heap trimming, and an mmap threshold that blocks of a few MB may cross), so the next
// step's tensors of the same size land on fresh pages that the kernel must fault in and zero:
// lesson 7 in full spent 13–16 s of system time on that. A fixed mmap threshold of 32 MiB and a
// trim threshold of 1 GiB keep the freed blocks for reuse (lesson 7 in full: 45–48 -> 38 s;
// lesson 5: 13-14 -> 11.4 s; peak memory of lesson 7: 690 -> 920 MB). Each thread keeps its own
// arena: one shared arena (M_ARENA_MAX = 1) cut the page faults further but made lesson 5's two
// workers wait on its lock (13 -> 25 s). Numbers do not change (no computation depends on where
// a tensor lives).
#include "CMallocTuning.h"

#include <malloc.h>
#include <stdlib.h>

int cmalloctuning_keep_freed_memory(void) {
  static const char *const user_settings[] = {
    "MALLOC_ARENA_MAX", "MALLOC_ARENA_MAX_", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_",
    "MALLOC_TOP_PAD_", "GLIBC_TUNABLES",
  };
  for (size_t i = 0; i < sizeof user_settings / sizeof user_settings[0]; i++) {
    if (getenv(user_settings[i]) != NULL) return 0;
  }
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  return 1;
}
