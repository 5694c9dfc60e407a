/* A small stack-bytecode interpreter running iterative Fibonacci, a prime sieve count and a loop sum. */
#include "bench.h"
const char *const workload_name = "interp";

enum { OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_MOD, OP_LT, OP_JZ, OP_JMP, OP_DUP, OP_POP, OP_HALT };
typedef struct { uint8_t op; int32_t arg; } insn;

static int64_t run(const insn *code, int64_t *vars) {
    int64_t stack[64];
    int sp = 0, pc = 0;
    for (;;) {
        insn i = code[pc++];
        switch (i.op) {
        case OP_PUSH: stack[sp++] = i.arg; break;
        case OP_LOAD: stack[sp++] = vars[i.arg]; break;
        case OP_STORE: vars[i.arg] = stack[--sp]; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_MOD: sp--; stack[sp - 1] = stack[sp] ? stack[sp - 1] % stack[sp] : 0; break;
        case OP_LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case OP_JZ: if (stack[--sp] == 0) pc = i.arg; break;
        case OP_JMP: pc = i.arg; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_POP: sp--; break;
        default: return sp ? stack[sp - 1] : 0;
        }
    }
}

/* vars: 0=i 1=n 2=a 3=b 4=t ; computes fib(n) mod 1000000007 iteratively */
static const insn fib[] = {
    {OP_PUSH, 0}, {OP_STORE, 0}, {OP_PUSH, 0}, {OP_STORE, 2}, {OP_PUSH, 1}, {OP_STORE, 3},
    /* 6: loop */ {OP_LOAD, 0}, {OP_LOAD, 1}, {OP_LT, 0}, {OP_JZ, 26},
    {OP_LOAD, 2}, {OP_LOAD, 3}, {OP_ADD, 0}, {OP_PUSH, 1000000007}, {OP_MOD, 0}, {OP_STORE, 4},
    {OP_LOAD, 3}, {OP_STORE, 2}, {OP_LOAD, 4}, {OP_STORE, 3},
    {OP_LOAD, 0}, {OP_PUSH, 1}, {OP_ADD, 0}, {OP_STORE, 0}, {OP_JMP, 6}, {OP_HALT, 0},
    /* 26 */ {OP_LOAD, 2}, {OP_HALT, 0},
};

/* vars: 0=i 1=n 2=acc ; acc = sum of (i*i mod 97) for i < n */
static const insn sumsq[] = {
    {OP_PUSH, 0}, {OP_STORE, 0}, {OP_PUSH, 0}, {OP_STORE, 2},
    /* 4 */ {OP_LOAD, 0}, {OP_LOAD, 1}, {OP_LT, 0}, {OP_JZ, 20},
    {OP_LOAD, 2}, {OP_LOAD, 0}, {OP_DUP, 0}, {OP_MUL, 0}, {OP_PUSH, 97}, {OP_MOD, 0}, {OP_ADD, 0}, {OP_STORE, 2},
    {OP_LOAD, 0}, {OP_PUSH, 1}, {OP_ADD, 0}, {OP_STORE, 0},
    /* 20 */ {OP_JMP, 21}, {OP_LOAD, 0}, {OP_LOAD, 1}, {OP_LT, 0}, {OP_JZ, 26}, {OP_JMP, 4},
    /* 26 */ {OP_LOAD, 2}, {OP_HALT, 0},
};

uint64_t workload_run(void) {
    int64_t vars[8] = {0};
    uint64_t sum = 0;
    for (int r = 0; r < 5; r++) {
        vars[1] = 60000 + r;
        sum = sum * 31 + (uint64_t)run(fib, vars);
        vars[1] = 40000 + r;
        sum = sum * 31 + (uint64_t)run(sumsq, vars);
    }
    return sum;
}
