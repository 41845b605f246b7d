// ReLU's forward and backward passes at AVX-512, AVX2 or baseline width, chosen at run time.
//
// Why C: these two loops read every ReLU layer's data in each pass, and Swift's SIMD types run
// them at baseline width; one body is compiled three times (VectorTypes.h). Both are selections
// (no arithmetic), so every path gives the same bits, −0 and NaN included.
#include "CVectorMath.h"
#include "VectorTypes.h"

/// y = x where x is not below 0, else +0: keeps −0 and NaN (NaN < 0 is false), as Swift's
/// `x < 0 ? 0 : x`. A lane's bits are cleared where the mask (−1 for x < 0) is set.
BODY void relu_forward_body(const float *x, float *y, long n) {
  long i = 0;
  for (; i + 16 <= n; i += 16) {
    float16 v = load16(x + i);
    int16 out = (int16)v & ~(v < 0);
    memcpy(y + i, &out, sizeof out);
  }
  for (; i < n; i++) y[i] = x[i] < 0 ? 0 : x[i];
}

/// ∂L/∂h = ∂L/∂y where y > 0, else +0, as Swift's `y > 0 ? g : 0`.
BODY void relu_backward_body(const float *g, const float *y, float *out, long n) {
  long i = 0;
  for (; i + 16 <= n; i += 16) {
    int16 result = (int16)load16(g + i) & (load16(y + i) > 0);
    memcpy(out + i, &result, sizeof result);
  }
  for (; i < n; i++) out[i] = y[i] > 0 ? g[i] : 0;
}

// MARK: The three compilations of each body

EVERY_PATH(VOID_PATH, relu_forward, (const float *x, float *y, long n), (x, y, n))
EVERY_PATH(VOID_PATH, relu_backward, (const float *g, const float *y, float *out, long n), (g, y, out, n))

void vectormath_relu(const float *x, float *y, long count, int lanes) {
  DISPATCH(lanes, relu_forward, x, y, count);
}

void vectormath_relu_backward(const float *g, const float *y, float *out, long count, int lanes) {
  DISPATCH(lanes, relu_backward, g, y, out, count);
}
