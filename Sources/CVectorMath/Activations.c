// ReLU's forward and backward passes, and tanh's and the sigmoid's backward passes, at AVX-512,
// AVX2 or baseline width, chosen at run time (tanh and σ forward are SLEEF's: CVectorMath.c).
//
// Why C: these loops read every activation layer's data in each pass, and Swift's SIMD types run
// them at baseline width; one body is compiled three times (VectorTypes.h). ReLU's are selections;
// the backward products are evaluated lane by lane in the written order with no fused multiply-add
// (FP_CONTRACT OFF), so every path gives the same bits, −0 and NaN included.
#include "CVectorMath.h"
#include "ReLU.h"
#include "VectorTypes.h"

#pragma STDC FP_CONTRACT OFF

/// ∂L/∂h = g·(1 − y²) from tanh's output y, evaluated as `g * (1 - y * y)`.
BODY void tanh_backward_body(const float *g, const float *y, float *out, long n) {
  long i = 0;
  for (; i + 16 <= n; i += 16) {
    float16 v = load16(y + i);
    store16(out + i, load16(g + i) * (1.0f - v * v));
  }
  for (; i < n; i++) out[i] = g[i] * (1 - y[i] * y[i]);
}

/// ∂L/∂h = g·y·(1 − y) from the sigmoid's output y, evaluated as `(g * y) * (1 - y)`.
BODY void sigmoid_backward_body(const float *g, const float *y, float *out, long n) {
  long i = 0;
  for (; i + 16 <= n; i += 16) {
    float16 v = load16(y + i);
    store16(out + i, load16(g + i) * v * (1.0f - v));
  }
  for (; i < n; i++) out[i] = g[i] * y[i] * (1 - y[i]);
}

// MARK: The three compilations of each body

EVERY_PATH(VOID_PATH, relu_forward, (const float *x, float *y, long n), (x, y, n))
EVERY_PATH(VOID_PATH, relu_backward, (const float *g, const float *y, float *out, long n), (g, y, out, n))
EVERY_PATH(VOID_PATH, tanh_backward, (const float *g, const float *y, float *out, long n), (g, y, out, n))
EVERY_PATH(VOID_PATH, sigmoid_backward, (const float *g, const float *y, float *out, long n), (g, y, out, n))

void vectormath_relu(const float *x, float *y, long count, int lanes) {
  DISPATCH(lanes, relu_forward, x, y, count);
}

void vectormath_relu_backward(const float *g, const float *y, float *out, long count, int lanes) {
  DISPATCH(lanes, relu_backward, g, y, out, count);
}

void vectormath_tanh_backward(const float *g, const float *y, float *out, long count, int lanes) {
  DISPATCH(lanes, tanh_backward, g, y, out, count);
}

void vectormath_sigmoid_backward(const float *g, const float *y, float *out, long count, int lanes) {
  DISPATCH(lanes, sigmoid_backward, g, y, out, count);
}
