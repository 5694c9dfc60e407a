# Sv39 page walks: 4K/2M/1G pages, every page-fault cause, SUM, MXR, A/D, sfence.vma, MPRV.
#include "test.h"
#define VM_LEVELS 3
#define NONCANONICAL 0x0000004000000000
TEST_BEGIN("sv39")
#include "vm.inc"
