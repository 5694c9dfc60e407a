/* Run parameters a host may patch into a copy of the ELF: 8 magic bytes followed by little-endian
 * 64-bit values (-bios none gives a bare-metal guest no command line). */
#ifndef PARAMS_H
#define PARAMS_H
#include <stdint.h>
#define PARAMS(name, magic, ...) \
    volatile uint64_t name[] __attribute__((used, aligned(8))) = {magic, __VA_ARGS__}
#endif
