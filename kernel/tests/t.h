/* Minimal host unit-test harness. */
#ifndef T_H
#define T_H
#include <stdio.h>
#include <stdint.h>
#include <string.h>
extern int t_pass, t_fail;
#define CHECK(c) do { if (c) t_pass++; else { t_fail++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); } } while (0)
#define CHECK_EQ(a, b) do { long long _a = (long long)(a), _b = (long long)(b); if (_a == _b) t_pass++; else { t_fail++; \
    fprintf(stderr, "FAIL %s:%d: %s == %s (%lld != %lld)\n", __FILE__, __LINE__, #a, #b, _a, _b); } } while (0)
void *read_file(const char *path, size_t *len);
void test_dtb(const char *qemu_dtb, const char *test_dtb);
void test_elf(const char *init_elf);
void test_cap(void);
void test_ipcq(void);
void test_frame(void);
void test_heap(void);
void test_runq(void);
void test_abi(const char *abi_md);
#endif
