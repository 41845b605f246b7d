#ifndef CVECTORMATH_H
#define CVECTORMATH_H

#include <stdint.h>

/// Elementwise tanh, sigmoid and the Box–Muller transform over arrays, through SLEEF's
/// deterministic ("finz") functions: the same bits with 1, 8 or 16 lanes, on every CPU with FMA.
///
/// `lanes` picks the code path: 16 (AVX-512), 8 (AVX2 + FMA), 1 (scalar, FMA), or 0 for the best
/// this CPU runs. A path the CPU cannot run falls back to the next narrower one. On a CPU without
/// FMA every path is glibc's scalar libm (other last bits than SLEEF's).

/// The widest path this CPU runs: 16, 8, 1, or 0 when it has no FMA (glibc's libm then).
int vectormath_best_lanes(void);

/// y[i] = tanh(x[i]) (SLEEF tanhf, at most 1 ulp from the true value); NaN stays NaN.
void vectormath_tanhf(const float *x, float *y, long count, int lanes);

/// y[i] = 1 / (1 + exp(−x[i])) (SLEEF expf, at most 1 ulp, then one IEEE add and divide).
void vectormath_sigmoidf(const float *x, float *y, long count, int lanes);

/// z[i] = √(−2 ln u1[i]) · cos(2π u2[i]), the Box–Muller transform (SLEEF log and cos, at most
/// 1 ulp each); u1 must lie in (0, 1].
void vectormath_box_muller(const double *u1, const double *u2, double *z, long count, int lanes);

/// `count` Box–Muller draws z[i] (`vectormath_box_muller`) from the xoshiro256** state `state`
/// (s₀…s₃), as `SeededGenerator` takes them: u1 = 1 − U, then u2 = U, with U = (next() >> 11)·2⁻⁵³,
/// and the state advanced by 2·count steps. The same bits on every path; the AVX-512 path (with
/// DQ) runs 8 stretches of the stream at once (Uniforms.c says how).
void vectormath_xoshiro_gaussians(uint64_t state[4], double *z, long count, int lanes);

/// The path taken for a requested `lanes`: the request if this CPU runs it, else the next
/// narrower one; 0 asks for the best (`vectormath_best_lanes`).
int vectormath_path(int lanes);

/// y[i] = x[i] < 0 ? +0 : x[i] (ReLU; −0 and NaN pass through). The same bits on every path.
void vectormath_relu(const float *x, float *y, long count, int lanes);

/// out[i] = y[i] > 0 ? g[i] : +0 (ReLU's backward pass from its output y). The same bits on
/// every path.
void vectormath_relu_backward(const float *g, const float *y, float *out, long count, int lanes);

/// out[i] = g[i]·(1 − y[i]²), tanh's backward pass from its output y. The same bits on every path.
void vectormath_tanh_backward(const float *g, const float *y, float *out, long count, int lanes);

/// out[i] = g[i]·y[i]·(1 − y[i]), the sigmoid's backward pass from its output y. The same bits on
/// every path.
void vectormath_sigmoid_backward(const float *g, const float *y, float *out, long count, int lanes);

/// sums[j] = Σ_r x[r·columns + j] for a row-major rows × columns matrix, each column added from +0
/// row after row. The same bits on every path.
void vectormath_column_sums(const float *x, long rows, long columns, float *sums, int lanes);

/// x[r·columns + j] += b[j] for every row r (b has `columns` values). The same bits on every path.
void vectormath_add_to_rows(float *x, long rows, long columns, const float *b, int lanes);

/// Σ x[i]², in blocks of 256 summed in Float (16 lanes) and added in Double; a block whose Float
/// sum is not finite is summed again in Double. The same bits on every path (Reductions.c).
double vectormath_sum_of_squares(const float *x, long count, int lanes);

/// The one-pass sums behind `Tensor.summary`.
typedef struct {
  double sum;             ///< Σ x[i], in 8 Double lanes.
  double sum_of_squares;  ///< Σ x[i]², exactly as `vectormath_sum_of_squares`.
  long at_or_below_low;   ///< How many x[i] <= low.
  long at_or_above_high;  ///< How many |x[i]| >= high.
} vectormath_moments;

/// Σ x[i], Σ x[i]² and the two threshold counts in one read of x. The same bits on every path.
vectormath_moments vectormath_moments_of(const float *x, long count, float low, float high, int lanes);

/// y = ReLU(x) (`vectormath_relu`) and the moments of y (`vectormath_moments_of`) in one pass, each
/// block of 256 summed just after it is written: the bits of the two calls one after the other.
vectormath_moments vectormath_relu_moments(const float *x, float *y, long count, float low, float high, int lanes);

/// out = ReLU's backward pass of g from its output y (`vectormath_relu_backward`) and Σ out[i]²
/// (`vectormath_sum_of_squares`) in one pass, block by block: the bits of the two calls.
double vectormath_relu_backward_squares(const float *g, const float *y, float *out, long count, int lanes);

/// Batch normalization's statistics (BatchNorm.c): for a row-major rows × features matrix x,
/// mean[j] = Σ_r x_rj / rows and variance[j] = Σ_r (x_rj − mean[j])² (not divided), in Double, row
/// after row. The same bits on every path.
void vectormath_bn_moments(const float *x, long rows, long features, double *mean, double *variance, int lanes);

/// sum_g[j] = Σ_r g_rj and sum_gh[j] = Σ_r g_rj·h_rj in Double, row after row (∂L/∂β and ∂L/∂γ).
void vectormath_bn_gradient_sums(const float *g, const float *h, long rows, long features, double *sum_g,
                                 double *sum_gh, int lanes);

/// Per row: h = (x − mean)·inverse_std (x̂; h may be x), y = gamma·x̂ + beta.
void vectormath_bn_normalize(const float *x, float *h, float *y, long rows, long features, const float *mean,
                             const float *inverse_std, const float *gamma, const float *beta, int lanes);

/// Per row, training mode: dx = scale·(dx − mean_g − h·mean_gh) in place.
void vectormath_bn_project(float *dx, const float *h, long rows, long features, const float *scale,
                           const float *mean_g, const float *mean_gh, int lanes);

/// One Adam step (Optimizers.c) over `count` weights, in place: m ← β₁·m + (1 − β₁)·g,
/// v ← β₂·v + ((1 − β₂)·g)·g, θ ← θ − (η·(m / c₁)) / (√(v / c₂) + ε), each operation in that order
/// with no fused multiply-add. The same bits on every path.
void vectormath_adam_update(float *theta, const float *g, float *m, float *v, long count, float beta1,
                            float beta2, float correction1, float correction2, float learningRate,
                            float epsilon, int lanes);

/// Every x[i] rounded to the nearest IEEE binary16 number, ties to even, and back to Float32, in
/// place (HalfPrecision.c): returns 1, or 0 without touching x where the CPU has no F16C (the
/// caller then rounds in Swift).
int vectormath_round_to_float16(float *x, long n);

#endif
