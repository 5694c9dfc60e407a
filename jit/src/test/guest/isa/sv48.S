# Sv48 page walks: same checks as sv39 through a four-level table.
#include "test.h"
#define VM_LEVELS 4
#define NONCANONICAL 0x0000800000000000
TEST_BEGIN("sv48")
#include "vm.inc"
