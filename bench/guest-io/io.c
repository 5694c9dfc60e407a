#include "io.h"

void io_fail(const char *msg, uint64_t value, int code) {
    console_puts("FAIL ");
    console_puts(msg);
    console_puts(" ");
    console_put_dec(value);
    console_puts("\n");
    console_exit(code);
}

/* gcc may emit calls to memset/memcpy even in freestanding code. */
void *memset(void *d, int c, size_t n) {
    uint8_t *p = d;
    while (n--) *p++ = (uint8_t)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n) {
    uint8_t *o = d;
    const uint8_t *i = s;
    while (n--) *o++ = *i++;
    return d;
}
