package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.opennexus.memory.Trap;

/** Hand-written programs run in lockstep on the interpreter and the translator. */
class TranslatorTest {

    private static Lockstep lockstep(String source) {
        return new Lockstep(Asm.assemble(source));
    }

    @Test
    void loopStaysInsideOneUnitAndCountsEveryInstruction() {
        Lockstep l = lockstep("""
                li t0, 0
                li t1, 1000
            1:  add t0, t0, t1
                addi t1, t1, -1
                bnez t1, 1b
                ebreak
                """);
        l.runUntilCause(org.opennexus.memory.Trap.BREAKPOINT, 100_000);
        assertEquals(500500, l.jit.hart.x[5]);
        assertEquals(2 + 3 * 1000, l.jit.hart.readCsr(Csr.MINSTRET), "li, li, 1000 x (add, addi, bnez); ebreak does not retire");
        assertTrue(l.cache.translations() >= 1);
    }

    @Test
    void aHotLoopRunsInsideOneUnitUntilItsBudgetIsUsed() {
        TestHart t = TestHart.of("""
                li t1, 100000
            1:  addi t1, t1, -1
                bnez t1, 1b
                ebreak
                """);
        t.hart.useTranslator(new CodeCache(t.bus, 1));
        t.hart.run(2 + 2 * 100000 + 1);   // li (lui + addiw), the loop, and the ebreak that traps
        assertEquals(TestHart.TRAP_SINK, t.hart.pc);
        assertEquals(org.opennexus.memory.Trap.BREAKPOINT, t.hart.readCsr(Csr.MCAUSE));
        assertEquals(2 + 2 * 100000, t.hart.readCsr(Csr.MINSTRET));
        // units leave at loop back-edges only when the 4096-step timer poll interval is used up:
        // about 200000/4096 entries, not one per iteration
        assertTrue(t.hart.unitEntries() < 100, "unit entries " + t.hart.unitEntries());
    }

    /** A switch-style dispatch loop: jr through a computed address to one of two cases. */
    private static final String DISPATCH_LOOP = """
                li t0, 0
                li t1, 3000
                lla t2, 2f
            1:  andi t3, t1, 1
                slli t3, t3, 3
                add t4, t2, t3
                jr t4
            2:  .option push
                .option norvc
                addi t0, t0, 1
                j 3f
                addi t0, t0, 3
                j 3f
                .option pop
            3:  addi t1, t1, -1
                bnez t1, 1b
                ebreak
                """;

    @Test
    void hotIndirectTargetsInThePageBecomeJumpsInsideTheUnit() {
        TestHart t = TestHart.of(DISPATCH_LOOP);
        CodeCache cache = new CodeCache(t.bus, 10);
        t.hart.useTranslator(cache);
        t.hart.run(1 + 2 + 2 + 3000 * 8 + 1);   // every instruction, and the ebreak that traps
        assertEquals(TestHart.TRAP_SINK, t.hart.pc);
        assertEquals(Trap.BREAKPOINT, t.hart.readCsr(Csr.MCAUSE));
        assertEquals(1500 * 1 + 1500 * 3, t.hart.x[5]);
        // li 3000 is lui+addiw; lla is auipc+addi; 3000 x (andi, slli, add, jr, addi, j, addi, bnez)
        assertEquals(1 + 2 + 2 + 3000 * 8, t.hart.readCsr(Csr.MINSTRET));
        assertTrue(cache.retranslations() >= 1, "retranslations " + cache.retranslations());
        // before the retranslation every iteration leaves the unit at jr; after it, only budget exits
        assertTrue(t.hart.unitEntries() < 1000, "unit entries " + t.hart.unitEntries());
    }

    @Test
    void indirectDispatchMatchesTheInterpreterInLockstep() {
        Lockstep l = lockstep(DISPATCH_LOOP);
        l.runUntilCause(Trap.BREAKPOINT, 1_000_000);
        assertEquals(6000, l.jit.hart.x[5]);
    }

    /**
     * The same physical code reached at two virtual addresses (two Sv39 gigapages onto the same
     * RAM, as when a kernel runs first at its physical and then at its virtual address): units bake
     * in their pcs, so each mapping needs its own unit; auipc and the trap's sepc must show the
     * second mapping's addresses.
     */
    @Test
    void codeAliasedAtTwoVirtualAddressesRunsWithEachMappingsPcs() {
        TestHart t = TestHart.of("""
                .option norvc
                li t0, (8 << 60) | ((0x80000000 + 0x10000) >> 12)
                csrw satp, t0
                li t0, 1 << 11
                csrw mstatus, t0
                lla t1, body
                csrw mepc, t1
                mret
            body:
                li t2, 0
                li t3, 2000
            1:  auipc t4, 0
                addi t2, t2, 1
                bne t2, t3, 1b
                ecall
                """);
        long root = TestHart.RAM_BASE + 0x10000;
        long gigapage = (TestHart.RAM_BASE >>> 12) << 10 | 0xcf;   // V R W X A D, PPN = 0x80000
        t.ram.storeLongAt(root - TestHart.RAM_BASE + 8 * 2, gigapage);   // VA 0x8000_0000 -> RAM
        t.ram.storeLongAt(root - TestHart.RAM_BASE + 8 * 3, gigapage);   // VA 0xC000_0000 -> RAM too
        t.hart.useTranslator(new CodeCache(t.bus, 1));
        t.hart.run(10_000);
        assertEquals(TestHart.TRAP_SINK, t.hart.pc);
        assertEquals(Trap.ECALL_FROM_S, t.hart.readCsr(Csr.MCAUSE));
        long ecallAtFirst = t.hart.readCsr(Csr.MEPC);
        long auipcAtFirst = t.hart.x[29];
        assertEquals(ecallAtFirst - 12, auipcAtFirst, "auipc, addi, bne (4 bytes each) precede the ecall");

        long alias = 0x4000_0000L;   // the same instructions, one gigapage higher
        t.hart.setPrivilege(1);
        t.hart.pc = t.hart.x[6] + alias;   // t1 = 'body' (identity-mapped address)
        t.hart.run(10_000);
        assertEquals(Trap.ECALL_FROM_S, t.hart.readCsr(Csr.MCAUSE));
        assertEquals(ecallAtFirst + alias, t.hart.readCsr(Csr.MEPC), "the ecall trapped at the alias");
        assertEquals(auipcAtFirst + alias, t.hart.x[29], "auipc saw the alias pc");
        assertEquals(2000, t.hart.x[7]);
    }

    /**
     * A load and a store of the same bytes share one TLB lookup in a unit (the load looks in the
     * store view): in S-mode under PMP, the read-modify-write of a writable doubleword runs in a
     * loop, and the same sequence on a page PMP makes read-only loads the value and then raises a
     * store access fault at the store, with the load's result already in a0.
     */
    @Test
    void readModifyWriteSharesOneLookupAndStillFaultsOnAReadOnlyPage() {
        Lockstep l = lockstep("""
                la t0, s_mode
                csrw mepc, t0
                li t0, 0x1800
                csrc mstatus, t0
                li t0, 0x800             # MPP = S
                csrs mstatus, t0
                la t0, ro
                srli t0, t0, 2
                ori t0, t0, 0x1ff        # NAPOT, 4 KiB
                csrw pmpaddr0, t0
                li t0, -1
                csrw pmpaddr1, t0
                li t0, 0x1f19            # entry 0: NAPOT, R only; entry 1: NAPOT over everything, RWX
                csrw pmpcfg0, t0
                mret
            s_mode:
                la a1, rw
                la a2, ro
                ld a4, 8(a2)             # the read-only page is now in the load view
                li t1, 300
            1:  ld a0, 0(a1)
                addi a0, a0, 3
                sd a0, 0(a1)
                lw a3, 0(a1)             # a narrower load of the same bytes reuses the page too
                addi t1, t1, -1
                bnez t1, 1b
                ld a0, 0(a2)
                addi a0, a0, 1
                sd a0, 0(a2)             # store access fault: PMP entry 0 allows reads only
                ebreak
                .balign 8
            rw: .dword 7
                .balign 4096
            ro: .dword 40, 2
                """);
        l.runUntilCause(Trap.STORE_ACCESS_FAULT, 100_000);
        TestHart t = l.jit;
        long rw = t.hart.x[11], ro = t.hart.x[12];
        assertEquals(7 + 3 * 300, t.ram.loadLongAt(rw - TestHart.RAM_BASE));
        assertEquals(7 + 3 * 300, t.hart.x[13], "lw of the low half");
        assertEquals(41, t.hart.x[10], "the load of the read-only page completed");
        assertEquals(40, t.ram.loadLongAt(ro - TestHart.RAM_BASE), "the store did not");
        assertEquals(ro, t.hart.readCsr(Csr.MTVAL));
        assertEquals(2, t.hart.x[14]);
        assertTrue(l.cache.translations() >= 1);
    }

    /**
     * Units check mstatus.FS and mark it Dirty once per straight-line stretch, not per F/D
     * instruction: here FS is set Clean before each stretch (a CSR write, which no unit contains),
     * and the first F/D write in it, a load or an arithmetic instruction, must make it Dirty again,
     * also on a path that joins after a write on another path.
     */
    @Test
    void theFirstFloatingPointWriteOfEachStretchMarksFsDirty() {
        Lockstep l = lockstep("""
                la a1, data
                li s0, 0
                li t1, 20
            1:  li t0, 0x6000
                csrc mstatus, t0
                li t0, 0x4000            # FS = Clean
                csrs mstatus, t0
                fld fa0, 0(a1)           # FS = Dirty
                fld fa1, 8(a1)
                csrr t2, mstatus
                srli t2, t2, 13
                andi t2, t2, 3
                add s0, s0, t2
                li t0, 0x6000
                csrc mstatus, t0
                li t0, 0x4000
                csrs mstatus, t0
                andi t3, t1, 1
                beqz t3, 2f
                fld fa0, 0(a1)           # on odd rounds only: the add after the join marks FS too
            2:  fadd.d fa2, fa0, fa1     # FS = Dirty
                fmul.d fa3, fa2, fa2
                fsd fa3, 16(a1)
                csrr t2, mstatus
                srli t2, t2, 13
                andi t2, t2, 3
                add s0, s0, t2
                addi t1, t1, -1
                bnez t1, 1b
                ebreak
                .balign 8
            data: .double 1.5, 2.5, 0.0
                """);
        l.runUntilCause(Trap.BREAKPOINT, 100_000);
        assertEquals(2 * 20 * 3, l.jit.hart.x[8], "FS read back as Dirty (3) after every stretch");
        assertEquals(16.0, Double.longBitsToDouble(l.jit.ram.loadLongAt(l.jit.hart.x[11] + 16 - TestHart.RAM_BASE)));
        assertTrue(l.cache.translations() >= 1);
    }
}
