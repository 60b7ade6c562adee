/* sort.c -- loops over arrays: three sorting algorithms (quicksort,
 * insertion sort, bottom-up merge sort) on 2000 pseudo-random ints from a
 * fixed-seed LCG, cross-checked against each other; binary search; integer
 * and double matrix multiplication with hand-checkable results; prefix sums.
 * Deterministic; exit code 0. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 2000

static uint32_t lcg_state = 12345;
static int lcg(void) {
  lcg_state = lcg_state * 1103515245u + 12345u;
  return (int)((lcg_state >> 16) & 0x7fff) - 16384; /* range [-16384, 16383] */
}

static void quicksort(int *a, int lo, int hi) {
  while (lo < hi) {
    int p = a[lo + (hi - lo) / 2], i = lo, j = hi;
    while (i <= j) {
      while (a[i] < p) i++;
      while (a[j] > p) j--;
      if (i <= j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    /* recurse into the smaller half, loop on the larger one */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
}

static void insertion_sort(int *a, int n) {
  for (int i = 1; i < n; i++) {
    int v = a[i], j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void merge_sort(int *a, int *tmp, int n) {
  for (int width = 1; width < n; width *= 2) {
    for (int lo = 0; lo < n; lo += 2 * width) {
      int mid = lo + width < n ? lo + width : n;
      int hi = lo + 2 * width < n ? lo + 2 * width : n;
      int i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
      while (i < mid) tmp[k++] = a[i++];
      while (j < hi) tmp[k++] = a[j++];
    }
    memcpy(a, tmp, (size_t)n * sizeof *a);
  }
}

static int binary_search(const int *a, int n, int key) {
  int lo = 0, hi = n - 1;
  while (lo <= hi) {
    int mid = lo + (hi - lo) / 2;
    if (a[mid] == key) return mid;
    if (a[mid] < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

static int a[N], b[N], c[N], tmp[N];

int main(void) {
  long long sum = 0;
  for (int i = 0; i < N; i++) {
    a[i] = b[i] = c[i] = lcg();
    sum += a[i];
  }
  printf("first inputs: %d %d %d %d %d\n", a[0], a[1], a[2], a[3], a[4]);
  quicksort(a, 0, N - 1);
  insertion_sort(b, N);
  merge_sort(c, tmp, N);
  int sorted = 1, same = 1;
  long long sum2 = 0;
  for (int i = 0; i < N; i++) {
    if (i > 0 && a[i - 1] > a[i]) sorted = 0;
    if (a[i] != b[i] || a[i] != c[i]) same = 0;
    sum2 += a[i];
  }
  printf("sorted=%d same=%d sum_preserved=%d sum=%lld\n", sorted, same, sum == sum2, sum);
  printf("min=%d max=%d median=%d\n", a[0], a[N - 1], a[N / 2]);
  printf("smallest: %d %d %d %d %d\n", a[0], a[1], a[2], a[3], a[4]);
  printf("largest: %d %d %d %d %d\n", a[N - 5], a[N - 4], a[N - 3], a[N - 2], a[N - 1]);
  int idx = binary_search(a, N, a[1234]);
  printf("binary_search(a[1234]) finds value %d: %s\n", a[1234], idx >= 0 && a[idx] == a[1234] ? "yes" : "no");
  printf("binary_search(99999) = %d\n", binary_search(a, N, 99999));

  /* integer matrices: A[i][j] = i + j, B[i][j] = i - j.
   * C[i][j] = sum_k (i+k)(k-j); diagonal C[i][i] = sum k^2 - 8 i^2 = 140 - 8 i^2,
   * so trace(C) = 8*140 - 8*140 = 0. */
  int A[8][8], B[8][8], C[8][8];
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 8; j++) {
      A[i][j] = i + j;
      B[i][j] = i - j;
    }
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 8; j++) {
      int s = 0;
      for (int k = 0; k < 8; k++) s += A[i][k] * B[k][j];
      C[i][j] = s;
    }
  int trace = 0;
  for (int i = 0; i < 8; i++) trace += C[i][i];
  printf("C[0][0]=%d C[7][7]=%d C[0][7]=%d C[7][0]=%d trace=%d\n", C[0][0], C[7][7], C[0][7], C[7][0], trace);

  /* double matrices: a rotation by 90 degrees applied 4 times is the identity */
  double R[2][2] = {{0, -1}, {1, 0}}, P[2][2] = {{1, 0}, {0, 1}}, T[2][2];
  for (int r = 0; r < 4; r++) {
    for (int i = 0; i < 2; i++)
      for (int j = 0; j < 2; j++) T[i][j] = P[i][0] * R[0][j] + P[i][1] * R[1][j];
    memcpy(P, T, sizeof P);
  }
  printf("R^4 = [[%.1f %.1f] [%.1f %.1f]]\n", P[0][0], P[0][1], P[1][0], P[1][1]);

  /* prefix sums of 1..100 */
  int pre[101];
  pre[0] = 0;
  for (int i = 1; i <= 100; i++) pre[i] = pre[i - 1] + i;
  printf("prefix(100)=%d prefix(50)=%d\n", pre[100], pre[50]);
  return 0;
}
