// ReLU's forward and backward bodies (private to CVectorMath): Activations.c compiles them as the
// ReLU passes, and Reductions.c runs them block by block ahead of the sums of the instrumented
// step (`vectormath_relu_moments`, `vectormath_relu_backward_squares`).
#ifndef CVECTORMATH_RELU_H
#define CVECTORMATH_RELU_H

#include "VectorTypes.h"

/// y = x where x is not below 0, else +0: keeps −0 and NaN (NaN < 0 is false), as Swift's
/// `x < 0 ? 0 : x`. A lane's bits are cleared where the mask (−1 for x < 0) is set.
BODY void relu_forward_body(const float *x, float *y, long n) {
  long i = 0;
  for (; i + 16 <= n; i += 16) {
    float16 v = load16(x + i);
    int16 out = (int16)v & ~(v < 0);
    store16(y + i, (float16)out);  // a cast between vector types keeps the bits
  }
  for (; i < n; i++) y[i] = x[i] < 0 ? 0 : x[i];
}

/// ∂L/∂h = ∂L/∂y where y > 0, else +0, as Swift's `y > 0 ? g : 0`.
BODY void relu_backward_body(const float *g, const float *y, float *out, long n) {
  long i = 0;
  for (; i + 16 <= n; i += 16) {
    int16 result = (int16)load16(g + i) & (load16(y + i) > 0);
    store16(out + i, (float16)result);
  }
  for (; i < n; i++) out[i] = y[i] > 0 ? g[i] : 0;
}

#endif
