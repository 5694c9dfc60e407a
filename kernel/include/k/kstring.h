/* String and memory helpers: libc on the host, kernel/src/string.c in the kernel. */
#ifndef K_KSTRING_H
#define K_KSTRING_H
#include <stddef.h>
#ifdef NEURON_HOST
#include <string.h>
#else
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
#endif
#endif
