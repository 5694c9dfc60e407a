/* A table-driven tokenizer state machine over generated text (identifiers, numbers, strings, comments). */
#include "bench.h"
const char *const workload_name = "fsm";

#define LEN 32768
#define ROUNDS 400
static char text[LEN];

enum { S_START, S_IDENT, S_NUMBER, S_STRING, S_ESCAPE, S_SLASH, S_COMMENT, S_COUNT };
enum { C_ALPHA, C_DIGIT, C_QUOTE, C_BACKSLASH, C_SLASH, C_NEWLINE, C_SPACE, C_OTHER, C_COUNT };
static uint8_t cls[256];
static uint8_t next_state[S_COUNT][C_COUNT];
static uint8_t emits[S_COUNT][C_COUNT];

static void build_tables(void) {
    for (int c = 0; c < 256; c++) {
        cls[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ? C_ALPHA
               : (c >= '0' && c <= '9') ? C_DIGIT : c == '"' ? C_QUOTE : c == '\\' ? C_BACKSLASH
               : c == '/' ? C_SLASH : c == '\n' ? C_NEWLINE : c == ' ' ? C_SPACE : C_OTHER;
    }
    for (int s = 0; s < S_COUNT; s++)
        for (int c = 0; c < C_COUNT; c++) { next_state[s][c] = S_START; emits[s][c] = 0; }
    static const uint8_t start[C_COUNT] = { S_IDENT, S_NUMBER, S_STRING, S_START, S_SLASH, S_START, S_START, S_START };
    for (int c = 0; c < C_COUNT; c++) next_state[S_START][c] = start[c];
    for (int c = 0; c < C_COUNT; c++) {
        next_state[S_IDENT][c] = (c == C_ALPHA || c == C_DIGIT) ? S_IDENT : start[c];
        emits[S_IDENT][c] = (c == C_ALPHA || c == C_DIGIT) ? 0 : 1;
        next_state[S_NUMBER][c] = c == C_DIGIT ? S_NUMBER : start[c];
        emits[S_NUMBER][c] = c == C_DIGIT ? 0 : 2;
        next_state[S_STRING][c] = c == C_QUOTE ? S_START : c == C_BACKSLASH ? S_ESCAPE : S_STRING;
        emits[S_STRING][c] = c == C_QUOTE ? 3 : 0;
        next_state[S_ESCAPE][c] = S_STRING;
        next_state[S_SLASH][c] = c == C_SLASH ? S_COMMENT : start[c];
        next_state[S_COMMENT][c] = c == C_NEWLINE ? S_START : S_COMMENT;
        emits[S_COMMENT][c] = c == C_NEWLINE ? 4 : 0;
    }
}

uint64_t workload_run(void) {
    static const char alphabet[] = "abcxyz_QR0123456789   \"\\//\n+-*;";
    uint64_t seed = 2024, sum = 0;
    build_tables();
    for (int i = 0; i < LEN; i++) text[i] = alphabet[bench_rand(&seed) % (sizeof alphabet - 1)];
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t counts[5] = {0, 0, 0, 0, 0};
        int s = S_START;
        for (int i = 0; i < LEN; i++) {
            int c = cls[(uint8_t)text[i]];
            counts[emits[s][c]]++;
            s = next_state[s][c];
        }
        for (int k = 0; k < 5; k++) sum = sum * 131 + counts[k];
        text[(r * 977) % LEN] = alphabet[r % (sizeof alphabet - 1)];
    }
    return sum;
}
