// Reductions for the engine's instrumentation: Σxᵢ² and the one-pass moments behind
// `Tensor.summary`, at AVX-512, AVX2 or baseline width, with the same bits on every path.
//
// Why C: the instrumented pass reads every layer's output and gradient once more, and perf put
// these reductions, in Swift's baseline-width SIMD, at 7–10% of the quick lessons' time. One body
// is compiled three times (VectorTypes.h).
//
// Same bits on every path: the order of every floating-point operation is fixed by the
// algorithm, not by the vector width. Σxᵢ² is summed in blocks of 256, each in 16 Float lanes
// (lane k takes the elements ≡ k mod 16), the lanes added one after the other from −0, the
// block's tail one by one, then the block added in Double. Σxᵢ runs in 8 Double lanes. No
// multiply is fused into an add (FP_CONTRACT OFF), so a wider register only does more lanes at
// once.
#include "CVectorMath.h"
#include "ReLU.h"
#include "VectorTypes.h"

#pragma STDC FP_CONTRACT OFF

/// The 16 lanes added in order from −0 (as Swift's `SIMD.sum()`, which these sums replaced).
BODY float lane_sum16(float16 v) {
  float s = -0.0f;
  for (int k = 0; k < 16; k++) s += v[k];
  return s;
}

/// Σxᵢ² over x[start..<end] (at most 256) in 16 Float lanes, then the tail one at a time.
BODY float block_squares(const float *x, long start, long end) {
  float16 lanes = {0};
  long i = start;
  for (; i + 16 <= end; i += 16) {
    float16 v = load16(x + i);
    lanes += v * v;
  }
  float block = lane_sum16(lanes);
  for (long j = i; j < end; j++) block += x[j] * x[j];
  return block;
}

/// Adds a block's Float sum in Double, or, when it overflowed, the block again in Double.
BODY double add_block(double total, float block, const float *x, long start, long end) {
  if (__builtin_isfinite(block)) return total + (double)block;
  for (long j = start; j < end; j++) total += (double)x[j] * (double)x[j];
  return total;
}

/// What writes each block of 256 just before it is summed, while it is in L1: nothing (the sums
/// read x), ReLU's forward pass (x → out) or its backward pass (g = x and y → out). The sums then
/// read out, block for block as they would read it after a separate pass: the same bits.
enum block_pass { READ_ONLY, RELU_FORWARD, RELU_BACKWARD };

/// Runs `pass` on [start, end) and returns what the sums read.
BODY const float *run_block_pass(enum block_pass pass, const float *x, const float *y, float *out, long start,
                                 long end) {
  switch (pass) {
  case READ_ONLY: return x;
  case RELU_FORWARD: relu_forward_body(x + start, out + start, end - start); return out;
  case RELU_BACKWARD: relu_backward_body(x + start, y + start, out + start, end - start); return out;
  }
  return x;
}

BODY double squares_after(enum block_pass pass, const float *x, const float *y, float *out, long n) {
  double total = 0.0;
  for (long start = 0; start < n; start += 256) {
    long end = start + 256 < n ? start + 256 : n;
    const float *data = run_block_pass(pass, x, y, out, start, end);
    total = add_block(total, block_squares(data, start, end), data, start, end);
  }
  return total;
}

BODY double sum_of_squares_body(const float *x, long n) { return squares_after(READ_ONLY, x, 0, 0, n); }

BODY double relu_backward_squares_body(const float *g, const float *y, float *out, long n) {
  return squares_after(RELU_BACKWARD, g, y, out, n);
}

/// The running sums of `vectormath_moments`: Σxᵢ in 8 Double lanes and the two threshold counts
/// as negated lane masks.
typedef struct {
  double8 sum;
  int8 low, high;
} moment_lanes;

BODY void add8(moment_lanes *m, float8 v, float8 low, float8 high) {
  m->sum += __builtin_convertvector(v, double8);
  m->low -= (v <= low);
  // |v| by clearing the sign bit: the same comparisons as Swift's `v < 0 ? −v : v` (−0 and NaN
  // compare alike either way).
  float8 magnitude = (float8)((int8)v & 0x7fffffff);
  m->high -= (magnitude >= high);
}

BODY vectormath_moments moments_after(enum block_pass pass, const float *source, float *out, long n,
                                      float low_threshold, float high_magnitude) {
  const float *x = source;
  const float8 low = low_threshold - (float8){0}, high = high_magnitude - (float8){0};
  moment_lanes m = {{0}, {0}, {0}};
  double squares = 0.0;
  long scalar_tail = n;  // where the 8-lane part of Σxᵢ ends
  for (long start = 0; start < n; start += 256) {
    long end = start + 256 < n ? start + 256 : n;
    x = run_block_pass(pass, source, 0, out, start, end);  // the tail below lies in the last block
    float16 lanes = {0};
    long i = start;
    for (; i + 16 <= end; i += 16) {
      float16 v = load16(x + i);
      lanes += v * v;
      add8(&m, __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7), low, high);
      add8(&m, __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15), low, high);
    }
    float block = lane_sum16(lanes);
    for (long j = i; j < end; j++) block += x[j] * x[j];
    if (end == n) {  // the last block: eight more lanes of Σxᵢ, then one at a time
      if (i + 8 <= n) {
        add8(&m, load8(x + i), low, high);
        i += 8;
      }
      scalar_tail = i;
    }
    squares = add_block(squares, block, x, start, end);
  }
  vectormath_moments result = {-0.0, squares, 0, 0};
  for (int k = 0; k < 8; k++) {
    result.sum += m.sum[k];
    result.at_or_below_low += m.low[k];
    result.at_or_above_high += m.high[k];
  }
  for (long j = scalar_tail; j < n; j++) {
    float v = x[j];
    result.sum += (double)v;
    if (v <= low_threshold) result.at_or_below_low++;
    if ((v < 0 ? -v : v) >= high_magnitude) result.at_or_above_high++;
  }
  return result;
}

BODY vectormath_moments moments_body(const float *x, long n, float low, float high) {
  return moments_after(READ_ONLY, x, 0, n, low, high);
}

BODY vectormath_moments relu_moments_body(const float *x, float *y, long n, float low, float high) {
  return moments_after(RELU_FORWARD, x, y, n, low, high);
}

// MARK: The three compilations of each body

EVERY_PATH(VALUE_PATH, sum_of_squares, double, (const float *x, long n), (x, n))
EVERY_PATH(VALUE_PATH, moments, vectormath_moments, (const float *x, long n, float low, float high), (x, n, low, high))

double vectormath_sum_of_squares(const float *x, long count, int lanes) {
  return DISPATCH(lanes, sum_of_squares, x, count);
}

vectormath_moments vectormath_moments_of(const float *x, long count, float low, float high, int lanes) {
  return DISPATCH(lanes, moments, x, count, low, high);
}

EVERY_PATH(VALUE_PATH, relu_backward_squares, double, (const float *g, const float *y, float *out, long n),
           (g, y, out, n))
EVERY_PATH(VALUE_PATH, relu_moments, vectormath_moments, (const float *x, float *y, long n, float low, float high),
           (x, y, n, low, high))

double vectormath_relu_backward_squares(const float *g, const float *y, float *out, long count, int lanes) {
  return DISPATCH(lanes, relu_backward_squares, g, y, out, count);
}

vectormath_moments vectormath_relu_moments(const float *x, float *y, long count, float low, float high, int lanes) {
  return DISPATCH(lanes, relu_moments, x, y, count, low, high);
}
