// The vector types and helpers shared by CVectorMath's C files (private to CVectorMath).
//
// One body, written with Clang's vector extensions, is compiled for several targets (`target`
// attributes) and the widest path the CPU runs is taken at run time: Swift has no per-function
// target attribute, so its SIMD types compile for the baseline x86-64 (4 floats at a time).
#ifndef CVECTORMATH_VECTOR_TYPES_H
#define CVECTORMATH_VECTOR_TYPES_H

#include <string.h>

// The vector-typed helpers are always inlined into their caller, so no vector crosses a call
// and the warning that a vector argument's ABI depends on the target does not apply.
#pragma clang diagnostic ignored "-Wpsabi"

typedef float float16 __attribute__((vector_size(64)));
typedef float float8 __attribute__((vector_size(32)));
typedef double double8 __attribute__((vector_size(64)));
typedef double double4 __attribute__((vector_size(32)));
typedef int int16 __attribute__((vector_size(64)));
typedef int int8 __attribute__((vector_size(32)));

/// A helper inlined into each target's compilation of its caller.
#define BODY static inline __attribute__((always_inline))

/// 16 floats from x (no alignment needed).
BODY float16 load16(const float *x) {
  float16 v;
  memcpy(&v, x, sizeof v);
  return v;
}

/// Stores 16 floats at y (no alignment needed).
BODY void store16(float *y, float16 v) { memcpy(y, &v, sizeof v); }

/// 8 floats from x (no alignment needed).
BODY float8 load8(const float *x) {
  float8 v;
  memcpy(&v, x, sizeof v);
  return v;
}

/// Stores 8 floats at y (no alignment needed).
BODY void store8(float *y, float8 v) { memcpy(y, &v, sizeof v); }

/// 8 doubles from x (no alignment needed).
BODY double8 load_double8(const double *x) {
  double8 v;
  memcpy(&v, x, sizeof v);
  return v;
}

/// Stores 8 doubles at y (no alignment needed).
BODY void store_double8(double *y, double8 v) { memcpy(y, &v, sizeof v); }

/// `define(suffix, attributes, …)` once per path: baseline, AVX2 and AVX-512 (x86-64 only).
#if defined(__x86_64__)
#define EVERY_PATH(define, ...)                                                                    \
  define(baseline, , __VA_ARGS__) define(avx2, __attribute__((target("avx2"))), __VA_ARGS__)       \
      define(avx512, __attribute__((target("avx512f"))), __VA_ARGS__)
#else
#define EVERY_PATH(define, ...) define(baseline, , __VA_ARGS__)
#endif

/// Defines `function_suffix(parameters)`: `function_body(arguments)` compiled with `attributes`.
#define VALUE_PATH(suffix, attributes, function, result, parameters, arguments)                    \
  attributes static result function##_##suffix parameters { return function##_body arguments; }

/// As `VALUE_PATH`, for a body that returns nothing.
#define VOID_PATH(suffix, attributes, function, parameters, arguments)                             \
  attributes static void function##_##suffix parameters { function##_body arguments; }

/// Calls the compilation of `function` (`function_avx512`, `_avx2` or `_baseline`, made by
/// `EVERY_PATH`) for the path `vectormath_path(lanes)` takes; its value is the call's.
#if defined(__x86_64__)
#define DISPATCH(lanes, function, ...)                                                             \
  ({                                                                                               \
    int path_ = vectormath_path(lanes);                                                            \
    path_ == 16  ? function##_avx512(__VA_ARGS__)                                                  \
    : path_ == 8 ? function##_avx2(__VA_ARGS__)                                                    \
                 : function##_baseline(__VA_ARGS__);                                               \
  })
#else
#define DISPATCH(lanes, function, ...) function##_baseline(__VA_ARGS__)
#endif

#endif
