/* Integer and double-precision matrix multiplication. */
#include "bench.h"
const char *const workload_name = "matrix";

#define M 64
#define ROUNDS 48
static int64_t ia[M][M], ib[M][M], ic[M][M];
static double da[M][M], db[M][M], dc[M][M];

uint64_t workload_run(void) {
    uint64_t seed = 99, sum = 0;
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) {
            ia[i][j] = (int64_t)(bench_rand(&seed) % 1000) - 500;
            ib[i][j] = (int64_t)(bench_rand(&seed) % 1000) - 500;
            da[i][j] = (double)ia[i][j] / 7.0;
            db[i][j] = (double)ib[i][j] / 3.0;
        }
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < M; i++)
            for (int j = 0; j < M; j++) {
                int64_t s = 0;
                for (int k = 0; k < M; k++) s += ia[i][k] * ib[k][j];
                ic[i][j] = s;
            }
        if (r % 4 == 0) {
            for (int i = 0; i < M; i++)
                for (int j = 0; j < M; j++) {
                    double s = 0;
                    for (int k = 0; k < M; k++) s += da[i][k] * db[k][j];
                    dc[i][j] = s;
                }
        }
        ia[r % M][(r * 7) % M] += ic[(r * 3) % M][r % M] & 15;
        sum = sum * 31 + (uint64_t)ic[r % M][(r + 1) % M];
    }
    union { double d; uint64_t u; } x = { dc[5][9] };
    return sum ^ x.u;
}
