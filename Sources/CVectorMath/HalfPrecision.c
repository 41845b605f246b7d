// Rounding Float32 arrays to IEEE binary16 (Float16) and back, in hardware.
//
// Why by hand: Swift's `Float16(Float)` compiles to a software conversion on baseline x86-64 (the
// F16C instructions are not in its baseline), about 8× slower than the training step it emulates
// (lesson 8 stores every activation and gradient in 16 bits). F16C's VCVTPS2PH/VCVTPH2PS round to
// nearest even and keep subnormals, ±∞ and NaN as IEEE 754 says, so the result is the same number
// Swift's conversion gives (NumberFormat's tests compare the two on every binade); there is no
// library for this on Debian. Every x86-64 CPU with AVX2 has F16C.
#include "CVectorMath.h"

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("f16c,avx"))) static void round_half_f16c(float *x, long n) {
  long i = 0;
  for (; i + 8 <= n; i += 8) {
    __m128i half = _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    _mm256_storeu_ps(x + i, _mm256_cvtph_ps(half));
  }
  if (i < n) {
    float tail[8] = {0};
    for (long j = i; j < n; j++) tail[j - i] = x[j];
    __m128i half = _mm256_cvtps_ph(_mm256_loadu_ps(tail), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    _mm256_storeu_ps(tail, _mm256_cvtph_ps(half));
    for (long j = i; j < n; j++) x[j] = tail[j - i];
  }
}
#endif

int vectormath_round_to_float16(float *x, long n) {
#if defined(__x86_64__)
  static int supported = -1;
  if (supported < 0) {  // idempotent, so a race is harmless
    __builtin_cpu_init();
    supported = __builtin_cpu_supports("f16c") && __builtin_cpu_supports("avx");
  }
  if (!supported) return 0;
  round_half_f16c(x, n);
  return 1;
#else
  (void)x;
  (void)n;
  return 0;
#endif
}
