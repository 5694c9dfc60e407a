/* Kernel console: printf over the SBI console, serialised by a spinlock so
 * lines from different harts do not interleave; and panic(). */
#include <stdarg.h>
#include "k/kernel.h"

static struct spinlock console_lock = { 0, -1 };
static volatile int panicking;
const struct trapframe *panic_tf;   /* set by trap handlers before panicking */

static void putc_raw(char c) {
    if (c == '\n') sbi_putchar('\r');
    sbi_putchar(c);
}

static void put_num(uint64_t v, unsigned base, int neg, int width, char pad) {
    char buf[24];
    int i = 0;
    do { buf[i++] = "0123456789abcdef"[v % base]; v /= base; } while (v);
    if (neg) buf[i++] = '-';
    while (i < width) { putc_raw(pad); width--; }
    while (i--) putc_raw(buf[i]);
}

static void vprint(const char *fmt, va_list ap) {
    for (; *fmt; fmt++) {
        if (*fmt != '%') { putc_raw(*fmt); continue; }
        fmt++;
        char pad = ' ';
        int width = 0, lng = 0;
        if (*fmt == '0') { pad = '0'; fmt++; }
        while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') { lng++; fmt++; }
        switch (*fmt) {
        case 'd': {
            int64_t v = lng ? va_arg(ap, int64_t) : va_arg(ap, int);
            put_num(v < 0 ? (uint64_t)-v : (uint64_t)v, 10, v < 0, width, pad);
            break;
        }
        case 'u': put_num(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, 0, width, pad); break;
        case 'x': put_num(lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, 0, width, pad); break;
        case 'p': putc_raw('0'); putc_raw('x'); put_num((uint64_t)va_arg(ap, void *), 16, 0, 0, ' '); break;
        case 's': { const char *s = va_arg(ap, const char *); if (!s) s = "(null)"; while (*s) putc_raw(*s++); break; }
        case 'c': putc_raw((char)va_arg(ap, int)); break;
        case '%': putc_raw('%'); break;
        default: putc_raw('%'); putc_raw(*fmt); break;
        }
    }
}

void kprintf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    if (!panicking) spin_lock(&console_lock);
    vprint(fmt, ap);
    if (!panicking) spin_unlock(&console_lock);
    va_end(ap);
}

void kputs(const char *s) { kprintf("%s", s); }

void console_panic_unlock(void) { panicking = 1; }

_Noreturn void panic(const char *fmt, ...) {
    va_list ap;
    intr_off();
    panicking = 1;
    va_start(ap, fmt);
    const char *pfx = "PANIC: ";
    while (*pfx) putc_raw(*pfx++);
    vprint(fmt, ap);
    va_end(ap);
    putc_raw('\n');
    if (panic_tf) dump_trapframe(panic_tf);
    sbi_shutdown(true);
}
