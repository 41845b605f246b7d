// Batch normalization's four row-major passes (Ioffe & Szegedy 2015) at AVX-512, AVX2 or baseline
// width, chosen at run time (one body compiled three times: VectorTypes.h).
//
// Why C: Swift's SIMD8<Double> loops ran at baseline width, two doubles an instruction; they were
// 11% of a full batchnorm lesson under perf. Each feature's sums still run over the rows in order,
// in Double, as a loop per feature would add them, and every expression is evaluated in the
// written order without fused multiply-adds (FP_CONTRACT OFF): the bits of the plain loops on
// every path. The lanes only take 8 features at once.
#include "CVectorMath.h"
#include "VectorTypes.h"

#pragma STDC FP_CONTRACT OFF

/// 8 floats at p, widened to doubles.
BODY double8 load_widened(const float *p) { return __builtin_convertvector(load8(p), double8); }

/// mean[j] = Σ_r x_rj / rows, then variance[j] = Σ_r (x_rj − mean[j])² (not divided), each sum in
/// Double from 0, row after row.
BODY void bn_moments_body(const float *x, long rows, long f, double *mean, double *variance) {
  const long wide = f - f % 8;
  for (long j = 0; j < f; j++) mean[j] = variance[j] = 0;
  for (long r = 0; r < rows; r++) {
    const float *row = x + r * f;
    long j = 0;
    for (; j < wide; j += 8) store_double8(mean + j, load_double8(mean + j) + load_widened(row + j));
    for (; j < f; j++) mean[j] += (double)row[j];
  }
  for (long j = 0; j < f; j++) mean[j] /= (double)rows;
  for (long r = 0; r < rows; r++) {
    const float *row = x + r * f;
    long j = 0;
    for (; j < wide; j += 8) {
      double8 d = load_widened(row + j) - load_double8(mean + j);
      store_double8(variance + j, load_double8(variance + j) + d * d);
    }
    for (; j < f; j++) {
      double d = (double)row[j] - mean[j];
      variance[j] += d * d;
    }
  }
}

/// sum_g[j] = Σ_r g_rj and sum_gh[j] = Σ_r g_rj·h_rj, in Double from 0, row after row.
BODY void bn_gradient_sums_body(const float *g, const float *h, long rows, long f, double *sum_g, double *sum_gh) {
  const long wide = f - f % 8;
  for (long j = 0; j < f; j++) sum_g[j] = sum_gh[j] = 0;
  for (long r = 0; r < rows; r++) {
    const float *g_row = g + r * f, *h_row = h + r * f;
    long j = 0;
    for (; j < wide; j += 8) {
      double8 gv = load_widened(g_row + j);
      store_double8(sum_g + j, load_double8(sum_g + j) + gv);
      store_double8(sum_gh + j, load_double8(sum_gh + j) + gv * load_widened(h_row + j));
    }
    for (; j < f; j++) {
      sum_g[j] += (double)g_row[j];
      sum_gh[j] += (double)g_row[j] * (double)h_row[j];
    }
  }
}

/// Per row: x̂ = (x − μ)·(1/σ) into h, y = γ·x̂ + β (h may be x).
BODY void bn_normalize_body(const float *x, float *h, float *y, long rows, long f, const float *mean,
                            const float *inverse_std, const float *gamma, const float *beta) {
  for (long r = 0; r < rows; r++) {
    const float *x_row = x + r * f;
    float *h_row = h + r * f, *y_row = y + r * f;
    long j = 0;
    for (; j + 8 <= f; j += 8) {
      float8 v = (load8(x_row + j) - load8(mean + j)) * load8(inverse_std + j);
      store8(h_row + j, v);
      store8(y_row + j, load8(gamma + j) * v + load8(beta + j));
    }
    for (; j < f; j++) {
      float v = (x_row[j] - mean[j]) * inverse_std[j];
      h_row[j] = v;
      y_row[j] = gamma[j] * v + beta[j];
    }
  }
}

/// Per row, training mode: dx = (γ/σ)·(g − mean(g) − x̂·mean(g·x̂)) in place of g.
BODY void bn_project_body(float *dx, const float *h, long rows, long f, const float *scale, const float *mean_g,
                          const float *mean_gh) {
  for (long r = 0; r < rows; r++) {
    float *d_row = dx + r * f;
    const float *h_row = h + r * f;
    long j = 0;
    for (; j + 8 <= f; j += 8) {
      store8(d_row + j, load8(scale + j) * (load8(d_row + j) - load8(mean_g + j) - load8(h_row + j) * load8(mean_gh + j)));
    }
    for (; j < f; j++) d_row[j] = scale[j] * (d_row[j] - mean_g[j] - h_row[j] * mean_gh[j]);
  }
}

// MARK: The three compilations of each body

EVERY_PATH(VOID_PATH, bn_moments, (const float *x, long rows, long f, double *mean, double *variance),
           (x, rows, f, mean, variance))
EVERY_PATH(VOID_PATH, bn_gradient_sums,
           (const float *g, const float *h, long rows, long f, double *sum_g, double *sum_gh),
           (g, h, rows, f, sum_g, sum_gh))
EVERY_PATH(VOID_PATH, bn_normalize,
           (const float *x, float *h, float *y, long rows, long f, const float *mean, const float *inverse_std,
            const float *gamma, const float *beta),
           (x, h, y, rows, f, mean, inverse_std, gamma, beta))
EVERY_PATH(VOID_PATH, bn_project,
           (float *dx, const float *h, long rows, long f, const float *scale, const float *mean_g,
            const float *mean_gh),
           (dx, h, rows, f, scale, mean_g, mean_gh))

void vectormath_bn_moments(const float *x, long rows, long features, double *mean, double *variance, int lanes) {
  DISPATCH(lanes, bn_moments, x, rows, features, mean, variance);
}

void vectormath_bn_gradient_sums(const float *g, const float *h, long rows, long features, double *sum_g,
                                 double *sum_gh, int lanes) {
  DISPATCH(lanes, bn_gradient_sums, g, h, rows, features, sum_g, sum_gh);
}

void vectormath_bn_normalize(const float *x, float *h, float *y, long rows, long features, const float *mean,
                             const float *inverse_std, const float *gamma, const float *beta, int lanes) {
  DISPATCH(lanes, bn_normalize, x, h, y, rows, features, mean, inverse_std, gamma, beta);
}

void vectormath_bn_project(float *dx, const float *h, long rows, long features, const float *scale,
                           const float *mean_g, const float *mean_gh, int lanes) {
  DISPATCH(lanes, bn_project, dx, h, rows, features, scale, mean_g, mean_gh);
}
