// Vectorised elementwise math for the engine, over SLEEF (Shibata & Petrogalli, "SLEEF: A Portable
// Vectorized Library of C Standard Mathematical Functions", IEEE TPDS 2020), Debian's libsleef-dev.
//
// Why SLEEF: glibc's tanhf, expf, log and cos are scalar calls, and measured with perf they were
// 30–47% of the lessons' time (tanh nets, and drawing Gaussian weights). SLEEF evaluates 8 or 16
// at once. Its "finz" variants are deterministic: the scalar, AVX2 and AVX-512 versions return the
// same bits (they all use FMA and no flush-to-zero), so a run's numbers do not depend on which
// path this CPU takes. sleef.h declares the vector functions only when the whole file is built
// for AVX/AVX-512; the few used here are declared below and called from functions compiled for
// their instruction set, so the file builds for the baseline x86-64 and picks a path at run time.
#include "CVectorMath.h"

#include <immintrin.h>
#include <math.h>

extern float Sleef_finz_tanhf1_u10purecfma(float);
extern float Sleef_finz_expf1_u10purecfma(float);
extern double Sleef_finz_logd1_u10purecfma(double);
extern double Sleef_finz_cosd1_u10purecfma(double);

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2,fma")))
#define AVX512 __attribute__((target("avx512f")))
AVX2 extern __m256 Sleef_finz_tanhf8_u10avx2(__m256);
AVX2 extern __m256 Sleef_finz_expf8_u10avx2(__m256);
AVX2 extern __m256d Sleef_finz_logd4_u10avx2(__m256d);
AVX2 extern __m256d Sleef_finz_cosd4_u10avx2(__m256d);
AVX512 extern __m512 Sleef_finz_tanhf16_u10avx512f(__m512);
AVX512 extern __m512 Sleef_finz_expf16_u10avx512f(__m512);
AVX512 extern __m512d Sleef_finz_logd8_u10avx512f(__m512d);
AVX512 extern __m512d Sleef_finz_cosd8_u10avx512f(__m512d);
#endif

static const double two_pi = 2.0 * 3.14159265358979323846;  // Swift's 2.0 * Double.pi

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

static float sigmoid1(float x) { return 1.0f / (1.0f + Sleef_finz_expf1_u10purecfma(-x)); }

static double box_muller1(double u1, double u2) {
  return sqrt(-2.0 * Sleef_finz_logd1_u10purecfma(u1)) * Sleef_finz_cosd1_u10purecfma(two_pi * u2);
}

#if defined(__x86_64__)
// MARK: AVX2 (8 floats, 4 doubles); each returns how many it did (a multiple of its width)

AVX2 static long tanhf8(const float *x, float *y, long n) {
  long i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, Sleef_finz_tanhf8_u10avx2(_mm256_loadu_ps(x + i)));
  return i;
}

AVX2 static long sigmoidf8(const float *x, float *y, long n) {
  const __m256 one = _mm256_set1_ps(1.0f), sign = _mm256_set1_ps(-0.0f);
  long i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256 e = Sleef_finz_expf8_u10avx2(_mm256_xor_ps(sign, _mm256_loadu_ps(x + i)));  // −x
    _mm256_storeu_ps(y + i, _mm256_div_ps(one, _mm256_add_ps(one, e)));
  }
  return i;
}

AVX2 static long box_muller4(const double *u1, const double *u2, double *z, long n) {
  const __m256d minus_two = _mm256_set1_pd(-2.0), angle = _mm256_set1_pd(two_pi);
  long i = 0;
  for (; i + 4 <= n; i += 4) {
    __m256d r = _mm256_sqrt_pd(_mm256_mul_pd(minus_two, Sleef_finz_logd4_u10avx2(_mm256_loadu_pd(u1 + i))));
    __m256d c = Sleef_finz_cosd4_u10avx2(_mm256_mul_pd(angle, _mm256_loadu_pd(u2 + i)));
    _mm256_storeu_pd(z + i, _mm256_mul_pd(r, c));
  }
  return i;
}

// MARK: AVX-512 (16 floats, 8 doubles)

AVX512 static long tanhf16(const float *x, float *y, long n) {
  long i = 0;
  for (; i + 16 <= n; i += 16) _mm512_storeu_ps(y + i, Sleef_finz_tanhf16_u10avx512f(_mm512_loadu_ps(x + i)));
  return i;
}

AVX512 static long sigmoidf16(const float *x, float *y, long n) {
  const __m512 one = _mm512_set1_ps(1.0f);
  const __m512i sign = _mm512_set1_epi32((int)0x80000000u);
  long i = 0;
  for (; i + 16 <= n; i += 16) {
    __m512 minus = _mm512_castsi512_ps(_mm512_xor_si512(sign, _mm512_castps_si512(_mm512_loadu_ps(x + i))));
    __m512 e = Sleef_finz_expf16_u10avx512f(minus);
    _mm512_storeu_ps(y + i, _mm512_div_ps(one, _mm512_add_ps(one, e)));
  }
  return i;
}

AVX512 static long box_muller8(const double *u1, const double *u2, double *z, long n) {
  const __m512d minus_two = _mm512_set1_pd(-2.0), angle = _mm512_set1_pd(two_pi);
  long i = 0;
  for (; i + 8 <= n; i += 8) {
    __m512d r = _mm512_sqrt_pd(_mm512_mul_pd(minus_two, Sleef_finz_logd8_u10avx512f(_mm512_loadu_pd(u1 + i))));
    __m512d c = Sleef_finz_cosd8_u10avx512f(_mm512_mul_pd(angle, _mm512_loadu_pd(u2 + i)));
    _mm512_storeu_pd(z + i, _mm512_mul_pd(r, c));
  }
  return i;
}
#endif

// MARK: Entry points

void vectormath_tanhf(const float *x, float *y, long count, int lanes) {
  int p = vectormath_path(lanes);
  long i = 0;
  if (p == 0) {
    for (; i < count; i++) y[i] = tanhf(x[i]);
    return;
  }
#if defined(__x86_64__)
  if (p == 16) i = tanhf16(x, y, count);
  if (p >= 8) i += tanhf8(x + i, y + i, count - i);
#endif
  for (; i < count; i++) y[i] = Sleef_finz_tanhf1_u10purecfma(x[i]);
}

void vectormath_sigmoidf(const float *x, float *y, long count, int lanes) {
  int p = vectormath_path(lanes);
  long i = 0;
  if (p == 0) {
    for (; i < count; i++) y[i] = 1.0f / (1.0f + expf(-x[i]));
    return;
  }
#if defined(__x86_64__)
  if (p == 16) i = sigmoidf16(x, y, count);
  if (p >= 8) i += sigmoidf8(x + i, y + i, count - i);
#endif
  for (; i < count; i++) y[i] = sigmoid1(x[i]);
}

void vectormath_box_muller(const double *u1, const double *u2, double *z, long count, int lanes) {
  int p = vectormath_path(lanes);
  long i = 0;
  if (p == 0) {
    for (; i < count; i++) z[i] = sqrt(-2.0 * log(u1[i])) * cos(two_pi * u2[i]);
    return;
  }
#if defined(__x86_64__)
  if (p == 16) i = box_muller8(u1, u2, z, count);
  if (p >= 8) i += box_muller4(u1 + i, u2 + i, z + i, count - i);
#endif
  for (; i < count; i++) z[i] = box_muller1(u1[i], u2[i]);
}
