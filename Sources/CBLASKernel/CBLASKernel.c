// Gives OpenBLAS its fast compute kernel on CPUs it does not recognise, with nothing for the user
// to set.
//
// Why this exists: Debian bookworm's OpenBLAS 0.3.21 is built with DYNAMIC_ARCH and picks its
// kernel in a library constructor from the CPU's model number. On CPUs it does not know (newer
// models, some hypervisors) it falls back to the generic "Prescott" kernel, about 5x slower for
// sgemm, even when the CPU has AVX-512. Setting OPENBLAS_CORETYPE works only before that
// constructor runs, i.e. before any code of ours (glibc even resets `environ` after the
// executable's .preinit_array). But OpenBLAS exports the two functions DYNAMIC_ARCH builds use to
// choose a kernel, gotoblas_dynamic_quit() and gotoblas_dynamic_init(); the second reads
// OPENBLAS_CORETYPE again. The constructor below runs after OpenBLAS's (an executable's
// initialisers run after those of the libraries it links) and before any BLAS call: when
// OpenBLAS chose a weaker kernel than the CPU and OS support (cpuid + xgetbv), it sets
// OPENBLAS_CORETYPE (so child processes agree) and re-initialises OpenBLAS with that kernel.
// A value the user set in OPENBLAS_CORETYPE is never overridden.
//
// The same constructor makes OpenBLAS single-threaded unless the user set its thread count
// (OPENBLAS_NUM_THREADS, GOTO_NUM_THREADS or OMP_NUM_THREADS). Why: the lessons' matrices are small
// (widths 64–256, batches of 32–128), and timed side by side a quick or full lesson takes as long
// with one BLAS thread as with two, while the second thread's waiting (sched_yield) used up to
// 40% of the CPU that two networks trained at once (`ParallelSweep`) or two lessons run side by
// side (the test suite) need. And a one-thread sgemm sums in one order: on some kernels (Zen) two
// threads give other last bits than one, so a count that changed with the work running beside it
// made two runs of the same computation differ. `bench` sets its own count.
//
// Every executable and test bundle that links NeuralNet links this object file (SwiftPM passes
// target object files straight to the linker), so the hook is always present.
#include "CBLASKernel.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// OpenBLAS exports (cblas.h declares only the first).
char *openblas_get_corename(void);
void openblas_set_num_threads(int);
void gotoblas_dynamic_init(void);
void gotoblas_dynamic_quit(void);

static char initial[32] = "";
static const char *action = "kept";

#if defined(__x86_64__) || defined(__i386__)
static uint64_t read_xcr0(void) {
  uint32_t eax, edx;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return ((uint64_t)edx << 32) | eax;
}

/// The best OpenBLAS 0.3.21 kernel this CPU and OS can run: "SKYLAKEX", "HASWELL", or NULL.
static const char *best_coretype(void) {
  unsigned int eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return NULL;
  int osxsave = (ecx >> 27) & 1, fma = (ecx >> 12) & 1, avx = (ecx >> 28) & 1;
  if (!osxsave || !avx) return NULL;
  uint64_t xcr0 = read_xcr0();
  if ((xcr0 & 0x6) != 0x6) return NULL;          // the OS saves SSE + AVX state
  int zmm_state = (xcr0 & 0xE6) == 0xE6;         // ... and opmask, ZMM_Hi256, Hi16_ZMM
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return NULL;
  int avx2 = (ebx >> 5) & 1;
  int avx512 = ((ebx >> 16) & 1) && ((ebx >> 17) & 1) && ((ebx >> 28) & 1) &&  // F, DQ, CD
               ((ebx >> 30) & 1) && ((ebx >> 31) & 1);                        // BW, VL
  if (zmm_state && avx512) return "SKYLAKEX";
  if (avx2 && fma) return "HASWELL";
  return NULL;
}
#else
/// On other CPUs (arm64) OpenBLAS's own choice is kept: the kernels below are x86's.
static const char *best_coretype(void) { return NULL; }
#endif

/// True when `core` (as openblas_get_corename spells it) is at least as fast as `best`.
static int already_good(const char *core, const char *best) {
  static const char *avx512_cores[] = {"SkylakeX", "Cooperlake", "CooperLake", "SapphireRapids"};
  static const char *avx2_cores[] = {"Haswell", "Zen", "SkylakeX", "Cooperlake", "CooperLake",
                                     "SapphireRapids"};
  const char **list = strcmp(best, "SKYLAKEX") == 0 ? avx512_cores : avx2_cores;
  size_t n = strcmp(best, "SKYLAKEX") == 0 ? 4 : 6;
  for (size_t i = 0; i < n; i++)
    if (strcasecmp(core, list[i]) == 0) return 1;
  return 0;
}

static int threads_set_by_user = 0;

static int is_set(const char *name) {
  const char *value = getenv(name);
  return value && value[0];
}

__attribute__((constructor)) static void select_openblas_kernel(void) {
  threads_set_by_user = is_set("OPENBLAS_NUM_THREADS") || is_set("GOTO_NUM_THREADS") || is_set("OMP_NUM_THREADS");
  if (!threads_set_by_user) openblas_set_num_threads(1);
  const char *core = openblas_get_corename();
  strncpy(initial, core ? core : "", sizeof(initial) - 1);
  const char *user = getenv("OPENBLAS_CORETYPE");
  if (user && user[0]) {
    action = "user";
    return;
  }
#if defined(__x86_64__) || defined(__i386__)
  const char *best = best_coretype();
  if (!best || already_good(initial, best)) return;
  setenv("OPENBLAS_CORETYPE", best, 1);
  gotoblas_dynamic_quit();
  gotoblas_dynamic_init();
  if (!threads_set_by_user) openblas_set_num_threads(1);
  action = "switched";
#endif
}

const char *cblaskernel_initial_corename(void) { return initial; }
const char *cblaskernel_action(void) { return action; }
int cblaskernel_threads_set_by_user(void) { return threads_set_by_user; }

const char *cblaskernel_best_coretype(void) {
  const char *best = best_coretype();
  return best ? best : "";
}
int cblaskernel_core_is_at_least(const char *core, const char *coretype) {
  return coretype[0] == 0 || already_good(core, coretype);
}
