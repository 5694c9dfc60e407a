/* Quicksort and merge sort of pseudo-random 64-bit keys, verified sorted. */
#include "bench.h"
const char *const workload_name = "sort";

#define N 20000
#define ROUNDS 24
static int64_t a[N], tmp[N];

static void quicksort(int64_t *v, long lo, long hi) {
    while (lo < hi) {
        int64_t pivot = v[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) { int64_t t = v[i]; v[i] = v[j]; v[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(v, lo, j); lo = i; }
        else { quicksort(v, i, hi); hi = j; }
    }
}

static void mergesort(int64_t *v, long n) {
    for (long width = 1; width < n; width *= 2) {
        for (long lo = 0; lo < n; lo += 2 * width) {
            long mid = lo + width < n ? lo + width : n;
            long hi = lo + 2 * width < n ? lo + 2 * width : n;
            long i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = v[i] <= v[j] ? v[i++] : v[j++];
            while (i < mid) tmp[k++] = v[i++];
            while (j < hi) tmp[k++] = v[j++];
        }
        for (long i = 0; i < n; i++) v[i] = tmp[i];
    }
}

uint64_t workload_run(void) {
    uint64_t seed = 42, sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < N; i++) a[i] = (int64_t)bench_rand(&seed) >> (r & 7);
        if (r & 1) mergesort(a, N); else quicksort(a, 0, N - 1);
        for (int i = 1; i < N; i++) if (a[i - 1] > a[i]) console_exit(3);
        sum = sum * 1000003 + (uint64_t)a[N / 2] + (uint64_t)a[7];
    }
    return sum;
}
