// Vectorised elementwise math for the engine, over SLEEF (Shibata & Petrogalli, "SLEEF: A Portable
// Vectorized Library of C Standard Mathematical Functions", IEEE TPDS 2020), Debian's libsleef-dev.
//
// Why SLEEF: glibc's tanhf, expf, log and cos are scalar calls, and measured with perf they were
// 30–47% of the lessons' time (tanh nets, and drawing Gaussian weights). SLEEF evaluates 8 or 16
// at once. Its "finz" variants are deterministic: the scalar, AVX2 and AVX-512 versions return the
// same bits (they all use FMA and no flush-to-zero), so a run's numbers do not depend on which
// path this CPU takes. The vector loops live in two targets built for their width
// (CVectorMathAVX2, CVectorMathAVX512: SleefLoops.h says why); this file builds for the baseline
// x86-64, holds the scalar path and picks a path at run time.
#include "CVectorMath.h"
#include "SleefLoops.h"

#include <math.h>

#pragma STDC FP_CONTRACT OFF

// SLEEF's scalar FMA functions: sleef.h declares them only in a file built with FMA (FP_FAST_FMA),
// and on x86-64 this one is built for the baseline (it runs them only where the CPU has FMA). A
// target with FMA in its baseline (arm64) has sleef.h's own declarations.
#if !defined(FP_FAST_FMA)
extern float Sleef_finz_tanhf1_u10purecfma(float);
extern float Sleef_finz_expf1_u10purecfma(float);
extern double Sleef_finz_logd1_u10purecfma(double);
extern double Sleef_finz_cosd1_u10purecfma(double);
#endif

int vectormath_best_lanes(void) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (!__builtin_cpu_supports("fma")) return 0;
  if (__builtin_cpu_supports("avx512f")) return 16;
  if (__builtin_cpu_supports("avx2")) return 8;
  return 1;
#else
  return 0;
#endif
}

int vectormath_path(int lanes) {
  static int best = -1;
  if (best < 0) best = vectormath_best_lanes();  // idempotent, so a race is harmless
  if (lanes <= 0 || lanes > best) return best;
  return lanes >= 16 ? 16 : lanes >= 8 ? 8 : 1;
}

// MARK: Scalar (the tails, and whole arrays on the 1-lane path)

static float tanh1(float x) { return Sleef_finz_tanhf1_u10purecfma(x); }

static float sigmoid1(float x) { return 1.0f / (1.0f + Sleef_finz_expf1_u10purecfma(-x)); }

static double box_muller1(double u1, double u2) {
  return sqrt(-2.0 * Sleef_finz_logd1_u10purecfma(u1)) * Sleef_finz_cosd1_u10purecfma(two_pi * u2);
}

// MARK: Entry points

/// A vector loop over floats: how many of `n` it did (a multiple of its width).
typedef long (*float_loop)(const float *x, float *y, long n);

/// y = f(x) over `n` floats on path `path` (`vectormath_path`): the AVX-512 loop and then the
/// AVX2 loop on what is left (16), the AVX2 loop (8), and `scalar` for the rest; on path 0 (no
/// FMA, so SLEEF's results would differ) all of it with `libm`, the C library's f.
static void float_map(const float *x, float *y, long n, int path, float_loop avx512, float_loop avx2,
                      float (*scalar)(float), float (*libm)(float)) {
  long i = 0;
  if (path == 0) {
    for (; i < n; i++) y[i] = libm(x[i]);
    return;
  }
  if (path == 16) i = avx512(x, y, n);
  if (path >= 8) i += avx2(x + i, y + i, n - i);
  for (; i < n; i++) y[i] = scalar(x[i]);
}

#if defined(__x86_64__)
#define LOOPS(f) vectormath_##f##_avx512, vectormath_##f##_avx2
#else
#define LOOPS(f) 0, 0  // vectormath_path is 0 or 1 here: the loops are never called
#endif

static float sigmoid_libm(float x) { return 1.0f / (1.0f + expf(-x)); }

void vectormath_tanhf(const float *x, float *y, long count, int lanes) {
  float_map(x, y, count, vectormath_path(lanes), LOOPS(tanhf), tanh1, tanhf);
}

void vectormath_sigmoidf(const float *x, float *y, long count, int lanes) {
  float_map(x, y, count, vectormath_path(lanes), LOOPS(sigmoidf), sigmoid1, sigmoid_libm);
}

void vectormath_box_muller(const double *u1, const double *u2, double *z, long count, int lanes) {
  int p = vectormath_path(lanes);
  long i = 0;
  if (p == 0) {
    for (; i < count; i++) z[i] = sqrt(-2.0 * log(u1[i])) * cos(two_pi * u2[i]);
    return;
  }
#if defined(__x86_64__)
  if (p == 16) i = vectormath_box_muller_avx512(u1, u2, z, count);
  if (p >= 8) i += vectormath_box_muller_avx2(u1 + i, u2 + i, z + i, count - i);
#endif
  for (; i < count; i++) z[i] = box_muller1(u1[i], u2[i]);
}
