/* Modes of the utest service (its spawn argument); shared with the kernel's self-test driver. */
#ifndef UTEST_MODES_H
#define UTEST_MODES_H
#define UTEST_CAPS              1
#define UTEST_IPC               2
#define UTEST_VMO               3
#define UTEST_VMO_CHILD         4
#define UTEST_TIMER             5
#define UTEST_FAULT_UNMAPPED    6
#define UTEST_FAULT_EXEC_DATA   7
#define UTEST_FAULT_BAD_CAP     8
#define UTEST_SPIN              9
#define UTEST_IRQ               10
#define UTEST_SPIN_SHORT        11
#define UTEST_FAULT_STACK_GUARD 12
#define UTEST_IPC_CHILD         13
#endif
