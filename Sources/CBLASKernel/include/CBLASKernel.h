#ifndef CBLASKERNEL_H
#define CBLASKERNEL_H

/// The kernel OpenBLAS picked by itself at load time ("Prescott", "SkylakeX", ...).
const char *cblaskernel_initial_corename(void);

/// What the start-up hook did: "kept" (OpenBLAS's own choice was already the best this CPU
/// runs), "user" (OPENBLAS_CORETYPE was set by the user and left alone), or "switched"
/// (OpenBLAS had fallen back to a slower kernel and was re-initialised with a better one).
const char *cblaskernel_action(void);

/// 1 when the user set OpenBLAS's thread count (OPENBLAS_NUM_THREADS, GOTO_NUM_THREADS or
/// OMP_NUM_THREADS); otherwise the start-up hook made it 1.
int cblaskernel_threads_set_by_user(void);

/// The best kernel this CPU and OS can run, as an OPENBLAS_CORETYPE value ("SKYLAKEX",
/// "HASWELL"), or "" when OpenBLAS's own choice needs no help.
const char *cblaskernel_best_coretype(void);

/// 1 when `core` (as openblas_get_corename() spells it) is at least as fast as `coretype`.
int cblaskernel_core_is_at_least(const char *core, const char *coretype);

#endif
