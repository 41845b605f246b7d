// Box–Muller draws from a xoshiro256** stream, eight stretches of it at once.
//
// Why: `SeededGenerator` draws a Gaussian from two successive 64-bit outputs of xoshiro256**
// (Blackman & Vigna 2018), and the generator is serial: each state is a function of the last, so
// one stream runs at the latency of its chain of xors (5.6 ns a pair on a 2-core Xeon of this
// project, as long as SLEEF's vector log and cosine of the same draw). perf put that loop at 14%
// of `residual --quick` and 9% of `batchnorm --quick`, which draw millions of weights.
//
// How, with the same bits: xoshiro256's step T is linear over GF(2) on its 256-bit state, so the
// state k steps ahead is p(T)·s with p(x) = x^k mod P(x), P the characteristic polynomial of T
// (degree 256), and applying p costs 256 steps: for each coefficient, XOR the current state into
// the result if it is 1, then step (the reference `jump()` is this with p = x^(2^128) mod P). A
// block of 8·RUN pairs is cut into 8 runs of RUN pairs; lane j of an AVX-512 vector starts j runs
// ahead and steps its run; each 8 × 8 group of pairs goes through Box–Muller (elementwise) while in
// the cache, and an 8 × 8 transpose puts each lane's draws back in stream order. After a block,
// lane j jumps 7 runs to its run in the next block. Every output is the serial loop's,
// computed in another order; the caller holds that with a bit-for-bit test
// (`bulkGaussiansAreTheOneAtATimeDrawsAndLeaveTheGeneratorInTheSameState`).
//
// The jump polynomials below are x^(2·RUN) and x^(14·RUN) mod P (two outputs per pair), in
// 64-bit words from x⁰ up. P was found by Berlekamp–Massey on the low bit of s₀ and checked
// against the reference: x^(2^128) mod P is its JUMP constant.
#include "CVectorMath.h"

#include <stdint.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF

/// Pairs per lane per block: a block is 8·RUN = 4096 pairs (the caller's 32 KB of draws), and a
/// lane's 256-step jump costs a quarter of its 1024 steps of output.
enum { RUN = 512, BLOCK = 8 * RUN };

/// x^(2·RUN) mod P: from the start of one lane's run to the next lane's.
static const uint64_t jump_one_run[4] = {
  0x060106bbbe4ff028, 0x1be1d76854ddda93, 0x8456faeb6230d984, 0x65507439cf43f0e2};

/// x^(14·RUN) mod P: from the end of a lane's run to its run in the next block (7 runs on).
static const uint64_t jump_seven_runs[4] = {
  0x65d0b5d6d3a4d7d0, 0x1d1d60bcd2d09eb4, 0xc9337102457d65f7, 0xff41296d258343e3};

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/// One xoshiro256** step: the output, and s advanced (the reference `next()`).
static inline uint64_t next(uint64_t s[4]) {
  uint64_t result = rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

/// A uniform double in [0, 1) from the top 53 bits (`SeededGenerator.nextUnitDouble`).
static inline double unit(uint64_t x) { return (double)(x >> 11) * 0x1.0p-53; }

/// s ← p(T)·s: the state as many steps ahead as p stands for.
static void jump(uint64_t s[4], const uint64_t p[4]) {
  uint64_t t[4] = {0, 0, 0, 0};
  for (int word = 0; word < 4; word++) {
    for (int bit = 0; bit < 64; bit++) {
      if ((p[word] >> bit) & 1) {
        for (int k = 0; k < 4; k++) t[k] ^= s[k];
      }
      (void)next(s);
    }
  }
  memcpy(s, t, sizeof t);
}

/// The serial loop: u1 = 1 − U (in (0, 1], so its log is finite), then u2 = U, per pair.
static void pairs_serial(uint64_t s[4], double *u1, double *u2, long count) {
  for (long i = 0; i < count; i++) {
    u1[i] = 1.0 - unit(next(s));
    u2[i] = unit(next(s));
  }
}

#if defined(__x86_64__)
#define AVX512 __attribute__((target("avx512f,avx512dq"), always_inline)) static inline
#pragma clang diagnostic ignored "-Wpsabi"

typedef uint64_t u64x8 __attribute__((vector_size(64)));
typedef double f64x8 __attribute__((vector_size(64)));

/// Eight xoshiro256** states, one per lane.
typedef struct {
  u64x8 s0, s1, s2, s3;
} lanes8;

/// One step of every lane: its output, and the lanes advanced.
AVX512 u64x8 next8(lanes8 *x) {
  u64x8 five = (x->s1 << 2) + x->s1;
  u64x8 rotated = (five << 7) | (five >> 57);
  u64x8 result = (rotated << 3) + rotated;
  u64x8 t = x->s1 << 17;
  x->s2 ^= x->s0;
  x->s3 ^= x->s1;
  x->s1 ^= x->s2;
  x->s0 ^= x->s3;
  x->s2 ^= t;
  x->s3 = (x->s3 << 45) | (x->s3 >> 19);
  return result;
}

AVX512 f64x8 unit8(u64x8 x) { return __builtin_convertvector(x >> 11, f64x8) * 0x1.0p-53; }

/// Every lane jumped by p.
AVX512 void jump8(lanes8 *x, const uint64_t p[4]) {
  lanes8 t = {{0}, {0}, {0}, {0}};
  for (int word = 0; word < 4; word++) {
    for (int bit = 0; bit < 64; bit++) {
      if ((p[word] >> bit) & 1) {
        t.s0 ^= x->s0;
        t.s1 ^= x->s1;
        t.s2 ^= x->s2;
        t.s3 ^= x->s3;
      }
      (void)next8(x);
    }
  }
  *x = t;
}

/// Transposes the 8 × 8 matrix whose rows are r[0…7]: afterwards r[j][i] is the old r[i][j].
AVX512 void transpose8(f64x8 r[8]) {
  f64x8 t[8], u[8];
  for (int k = 0; k < 8; k += 2) {  // pairs of rows, interleaved by element
    t[k] = __builtin_shufflevector(r[k], r[k + 1], 0, 8, 2, 10, 4, 12, 6, 14);
    t[k + 1] = __builtin_shufflevector(r[k], r[k + 1], 1, 9, 3, 11, 5, 13, 7, 15);
  }
  for (int k = 0; k < 8; k += 4) {  // then by pairs of elements
    u[k] = __builtin_shufflevector(t[k], t[k + 2], 0, 1, 8, 9, 4, 5, 12, 13);
    u[k + 2] = __builtin_shufflevector(t[k], t[k + 2], 2, 3, 10, 11, 6, 7, 14, 15);
    u[k + 1] = __builtin_shufflevector(t[k + 1], t[k + 3], 0, 1, 8, 9, 4, 5, 12, 13);
    u[k + 3] = __builtin_shufflevector(t[k + 1], t[k + 3], 2, 3, 10, 11, 6, 7, 14, 15);
  }
  for (int k = 0; k < 4; k++) {  // then by halves
    r[k] = __builtin_shufflevector(u[k], u[k + 4], 0, 1, 2, 3, 8, 9, 10, 11);
    r[k + 4] = __builtin_shufflevector(u[k], u[k + 4], 4, 5, 6, 7, 12, 13, 14, 15);
  }
}

/// The Box–Muller draws of the whole blocks of `count` pairs in 8 lanes, into z; returns how many
/// it wrote and leaves s where the serial loop would be after them. Each group of 8 rows (the
/// i-th to (i+7)-th pair of every lane's run) goes through `vectormath_box_muller` before the
/// transpose, which puts the draws in stream order: the transform is elementwise, so these are
/// the draws of the transposed uniforms, and the uniforms never leave the cache.
__attribute__((target("avx512f,avx512dq"))) static long gaussians_avx512(uint64_t s[4], double *z, long count) {
  long blocks = count / BLOCK;
  if (blocks == 0) return 0;
  uint64_t start[4][8];
  uint64_t x[4];
  memcpy(x, s, sizeof x);
  for (int lane = 0; lane < 8; lane++) {
    for (int k = 0; k < 4; k++) start[k][lane] = x[k];
    if (lane < 7) jump(x, jump_one_run);
  }
  lanes8 state;
  memcpy(&state.s0, start[0], 64);
  memcpy(&state.s1, start[1], 64);
  memcpy(&state.s2, start[2], 64);
  memcpy(&state.s3, start[3], 64);
  double first[64] __attribute__((aligned(64))), second[64] __attribute__((aligned(64)));
  double draws[64] __attribute__((aligned(64)));
  for (long block = 0; block < blocks; block++) {
    double *out = z + block * BLOCK;
    for (long i = 0; i < RUN; i += 8) {
      for (int k = 0; k < 8; k++) {  // row k: the i + k-th pair of every lane's run
        f64x8 a = 1.0 - unit8(next8(&state));
        f64x8 b = unit8(next8(&state));
        memcpy(first + 8 * k, &a, 64);
        memcpy(second + 8 * k, &b, 64);
      }
      vectormath_box_muller(first, second, draws, 64, 16);
      f64x8 r[8];
      memcpy(r, draws, sizeof r);
      transpose8(r);
      for (int lane = 0; lane < 8; lane++) memcpy(out + lane * RUN + i, &r[lane], 64);  // 8 successive draws
    }
    if (block + 1 < blocks) jump8(&state, jump_seven_runs);
  }
  // Lane 7 ended where the serial loop is after the last block.
  uint64_t end[4][8];
  memcpy(end[0], &state.s0, 64);
  memcpy(end[1], &state.s1, 64);
  memcpy(end[2], &state.s2, 64);
  memcpy(end[3], &state.s3, 64);
  for (int k = 0; k < 4; k++) s[k] = end[k][7];
  return blocks * BLOCK;
}
#endif

void vectormath_xoshiro_gaussians(uint64_t state[4], double *z, long count, int lanes) {
  long done = 0;
#if defined(__x86_64__)
  static int has_dq = -1;
  if (has_dq < 0) {  // idempotent, so a race is harmless
    __builtin_cpu_init();
    has_dq = __builtin_cpu_supports("avx512dq");
  }
  if (vectormath_path(lanes) == 16 && has_dq) done = gaussians_avx512(state, z, count);
#endif
  enum { CHUNK = 512 };  // the rest: the serial uniforms a chunk at a time, then their transform
  double u1[CHUNK], u2[CHUNK];
  while (done < count) {
    long n = count - done < CHUNK ? count - done : CHUNK;
    pairs_serial(state, u1, u2, n);
    vectormath_box_muller(u1, u2, z + done, n, lanes);
    done += n;
  }
}
