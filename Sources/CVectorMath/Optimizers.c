// Adam's update of one parameter at AVX-512, AVX2 or baseline width, chosen at run time.
//
// Why C: the update reads and writes four arrays per parameter and divides twice and takes a
// square root per weight; Swift ran it one weight at a time (5% of lesson 7 in full under perf).
// Division and the square root are correctly rounded in IEEE 754 and every product and sum is
// evaluated in the written order with no fused multiply-add (FP_CONTRACT OFF), so every path gives
// the bits of the scalar loop, NaN and ±∞ included.
#include "CVectorMath.h"
#include "VectorTypes.h"

#pragma STDC FP_CONTRACT OFF

/// One Adam step (Kingma & Ba 2015, Algorithm 1), in the order of `Adam.update`:
/// m ← β₁·m + (1 − β₁)·g; v ← β₂·v + ((1 − β₂)·g)·g; θ ← θ − (η·(m / c₁)) / (√(v / c₂) + ε),
/// with c₁ = 1 − β₁ᵗ and c₂ = 1 − β₂ᵗ.
BODY void adam_update_body(
  float *theta, const float *g, float *m, float *v, long n, float b1, float b2, float c1, float c2, float lr,
  float eps
) {
  const float a1 = 1 - b1, a2 = 1 - b2;
  long i = 0;
  for (; i + 16 <= n; i += 16) {
    float16 gi = load16(g + i);
    float16 mi = b1 * load16(m + i) + a1 * gi;
    float16 vi = b2 * load16(v + i) + a2 * gi * gi;
    store16(m + i, mi);
    store16(v + i, vi);
    float16 mHat = mi / c1;
    float16 vHat = vi / c2;
    store16(theta + i, load16(theta + i) - lr * mHat / (__builtin_elementwise_sqrt(vHat) + eps));
  }
  for (; i < n; i++) {
    m[i] = b1 * m[i] + a1 * g[i];
    v[i] = b2 * v[i] + a2 * g[i] * g[i];
    float mHat = m[i] / c1;
    float vHat = v[i] / c2;
    theta[i] -= lr * mHat / (__builtin_sqrtf(vHat) + eps);
  }
}

EVERY_PATH(
  VOID_PATH, adam_update,
  (float *theta, const float *g, float *m, float *v, long n, float b1, float b2, float c1, float c2, float lr,
   float eps),
  (theta, g, m, v, n, b1, b2, c1, c2, lr, eps))

void vectormath_adam_update(
  float *theta, const float *g, float *m, float *v, long count, float beta1, float beta2, float correction1,
  float correction2, float learningRate, float epsilon, int lanes
) {
  DISPATCH(lanes, adam_update, theta, g, m, v, count, beta1, beta2, correction1, correction2, learningRate, epsilon);
}
