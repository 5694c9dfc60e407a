package org.opennexus.machine.diff;

/**
 * Where the sequences run: M-mode without translation, or S-mode under Sv39 (identity gigapages,
 * so addresses are unchanged and every load, store and fetch goes through the MMU and TLB).
 */
enum Privilege {
    M_BARE("mscratch", "sscratch", "mepc", "li t0, 0x1800; csrs mstatus, t0   # MPP = M", "mret"),
    S_SV39("sscratch", "stval", "sepc", "li t0, 0x100; csrs sstatus, t0    # SPP = S", "sret");

    /** CSR holding the sequence's x1 while diff_save runs, and the one holding x31. */
    final String x1Csr;
    final String x31Csr;
    /** How diff_init returns to the sequence body without touching a register. */
    final String epcCsr;
    final String prepareReturn;
    final String ret;

    Privilege(String x1Csr, String x31Csr, String epcCsr, String prepareReturn, String ret) {
        this.x1Csr = x1Csr;
        this.x31Csr = x31Csr;
        this.epcCsr = epcCsr;
        this.prepareReturn = prepareReturn;
        this.ret = ret;
    }

    String fileTag() {
        return this == M_BARE ? "" : "-s39";
    }

    /** Prologue code run in M-mode before the first sequence. */
    String enter() {
        if (this == M_BARE) {
            return "  j seq_start\n";
        }
        return """
                  li t0, -1; csrw pmpaddr0, t0     # S-mode needs a PMP grant
                  li t0, 0x1f; csrw pmpcfg0, t0
                  la t1, diff_pt
                  li t0, 0xc7                      # VA 0 +1G -> PA 0 (UART, finisher): V R W A D
                  sd t0, 0(t1)
                  li t0, 0x200000cf                # VA 0x80000000 +1G -> PA 0x80000000: V R W X A D
                  sd t0, 16(t1)
                  srli t0, t1, 12; li t2, 8 << 60; or t0, t0, t2
                  csrw satp, t0
                  sfence.vma
                  la t0, seq_start; csrw mepc, t0
                  li t0, 0x1800; csrc mstatus, t0
                  li t0, 0x0800; csrs mstatus, t0  # MPP = S
                  mret
                """;
    }
}
