// Column sums (a bias's gradient) and the broadcast of a row over a matrix (adding a bias), at
// AVX-512, AVX2 or baseline width, chosen at run time (one body compiled three times:
// VectorTypes.h). Each column is added row after row, in the order of the plain loop, whatever
// the width, so every path gives the same bits.
#include "CVectorMath.h"
#include "VectorTypes.h"

#pragma STDC FP_CONTRACT OFF

/// sums[j] = Σ_r x[r·columns + j], each from +0 and row after row.
BODY void column_sums_body(const float *x, long rows, long columns, float *sums) {
  for (long j = 0; j < columns; j++) sums[j] = 0;
  for (long r = 0; r < rows; r++) {
    const float *row = x + r * columns;
    long j = 0;
    for (; j + 16 <= columns; j += 16) store16(sums + j, load16(sums + j) + load16(row + j));
    for (; j < columns; j++) sums[j] += row[j];
  }
}

/// x[r·columns + j] += b[j] for every row r.
BODY void add_to_rows_body(float *x, long rows, long columns, const float *b) {
  for (long r = 0; r < rows; r++) {
    float *row = x + r * columns;
    long j = 0;
    for (; j + 16 <= columns; j += 16) store16(row + j, load16(row + j) + load16(b + j));
    for (; j < columns; j++) row[j] += b[j];
  }
}

// MARK: The three compilations of each body

EVERY_PATH(VOID_PATH, column_sums, (const float *x, long rows, long columns, float *sums), (x, rows, columns, sums))
EVERY_PATH(VOID_PATH, add_to_rows, (float *x, long rows, long columns, const float *b), (x, rows, columns, b))

void vectormath_column_sums(const float *x, long rows, long columns, float *sums, int lanes) {
  DISPATCH(lanes, column_sums, x, rows, columns, sums);
}

void vectormath_add_to_rows(float *x, long rows, long columns, const float *b, int lanes) {
  DISPATCH(lanes, add_to_rows, x, rows, columns, b);
}
