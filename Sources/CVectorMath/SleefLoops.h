// SLEEF's vector loops for tanh, the sigmoid and the Box–Muller transform, defined (`SLEEF_LOOPS`)
// by the two targets that compile them for their width, CVectorMathAVX2 (built with -mavx2 -mfma)
// and CVectorMathAVX512 (-mavx512f), and called by CVectorMath.c where the CPU runs that width.
//
// Why a target per width rather than `target` attributes (as Reductions.c, Activations.c and
// Columns.c use): SLEEF's functions take and return vectors, and Clang passes a vector argument to
// an external function by the ABI of the whole file, not of the calling function; in a file built
// for baseline x86-64 the argument goes to memory while SLEEF reads it from a register. Built for
// the width, the file calls SLEEF by its own ABI, and sleef.h declares the functions.
#ifndef CVECTORMATH_SLEEF_LOOPS_H
#define CVECTORMATH_SLEEF_LOOPS_H

#include <sleef.h>
#include <string.h>

#include "VectorTypes.h"

/// The loops at each width, for CVectorMath.c to call on a CPU that runs it: each does the
/// longest prefix of n that is a multiple of its width and returns its length.
long vectormath_tanhf_avx2(const float *x, float *y, long n);
long vectormath_sigmoidf_avx2(const float *x, float *y, long n);
long vectormath_box_muller_avx2(const double *u1, const double *u2, double *z, long n);
long vectormath_tanhf_avx512(const float *x, float *y, long n);
long vectormath_sigmoidf_avx512(const float *x, float *y, long n);
long vectormath_box_muller_avx512(const double *u1, const double *u2, double *z, long n);

#pragma STDC FP_CONTRACT OFF

/// 2π as Swift's `2.0 * Double.pi` (CVectorMath.c's scalar path uses it too).
static const double two_pi = 2.0 * 3.14159265358979323846;

/// Defines `vectormath_tanhf_W`, `vectormath_sigmoidf_W` and `vectormath_box_muller_W`: `floats`
/// and `doubles` are the width's vector types (`F` and `D` lanes), `isa` SLEEF's suffix for it.
/// Each returns how many elements it did (a multiple of its width) and computes what
/// CVectorMath.c's scalar path does, in the same order: 1/(1 + e^(−x)) and √(−2·ln u₁)·cos(2π·u₂).
#define SLEEF_LOOPS(W, floats, F, doubles, D, isa)                                                 \
  long vectormath_tanhf_##W(const float *x, float *y, long n) {                                    \
    long i = 0;                                                                                    \
    for (; i + F <= n; i += F) {                                                                   \
      floats v;                                                                                    \
      memcpy(&v, x + i, sizeof v);                                                                 \
      v = Sleef_finz_tanhf##F##_u10##isa(v);                                                       \
      memcpy(y + i, &v, sizeof v);                                                                 \
    }                                                                                              \
    return i;                                                                                      \
  }                                                                                                \
  long vectormath_sigmoidf_##W(const float *x, float *y, long n) {                                 \
    long i = 0;                                                                                    \
    for (; i + F <= n; i += F) {                                                                   \
      floats v;                                                                                    \
      memcpy(&v, x + i, sizeof v);                                                                 \
      v = 1.0f / (1.0f + Sleef_finz_expf##F##_u10##isa(-v));                                       \
      memcpy(y + i, &v, sizeof v);                                                                 \
    }                                                                                              \
    return i;                                                                                      \
  }                                                                                                \
  long vectormath_box_muller_##W(const double *u1, const double *u2, double *z, long n) {          \
    long i = 0;                                                                                    \
    for (; i + D <= n; i += D) {                                                                   \
      doubles a, b;                                                                                \
      memcpy(&a, u1 + i, sizeof a);                                                                \
      memcpy(&b, u2 + i, sizeof b);                                                                \
      doubles r = __builtin_elementwise_sqrt(-2.0 * Sleef_finz_logd##D##_u10##isa(a));             \
      a = r * Sleef_finz_cosd##D##_u10##isa(two_pi * b);                                           \
      memcpy(z + i, &a, sizeof a);                                                                 \
    }                                                                                              \
    return i;                                                                                      \
  }

#endif
