package org.opennexus.machine.sbi;

/** The board services the built-in SBI needs. Implemented by the machine; faked in tests. */
public interface SbiHost {
    int hartCount();

    /** The value of a machine information CSR (mvendorid 0xF11, marchid 0xF12, mimpid 0xF13) of a hart. */
    long machineInfoCsr(int hart, int csr);

    /** Writes one byte to the console (UART0 output stream). */
    void consoleWrite(byte b);

    /** Next console input byte, or -1 when none is waiting. */
    int consoleRead();

    /** Reads guest physical RAM; false when [paddr, paddr+length) is not RAM. */
    boolean readRam(long paddr, byte[] dst, int length);

    /**
     * Loads 8 bytes at a virtual address through the calling hart's current translation (legacy SBI
     * hart-mask pointers); null when the access would fault.
     */
    Long loadVirtual64(int hart, long vaddr);

    /** Writes guest physical RAM; false when [paddr, paddr+length) is not RAM. */
    boolean writeRam(long paddr, byte[] src, int length);

    /** Programs the S-mode timer of a hart (stimecmp; Sstc) and clears a pending STIP by doing so. */
    void setTimer(int hart, long stimecmp);

    /** Raises SSIP on a hart and wakes it. */
    void sendSupervisorSoftwareInterrupt(int hart);

    /** Clears SSIP on a hart (legacy clear_ipi). */
    void clearSupervisorSoftwareInterrupt(int hart);

    /** Flushes the address-translation caches of a hart (sfence.vma on its behalf). */
    void remoteSfenceVma(int hart);

    /** Discards decoded/translated code of a hart (fence.i on its behalf). */
    void remoteFenceI(int hart);

    /** Starts a stopped hart in S-mode at startAddr with a0 = hart id, a1 = opaque, satp = 0, SIE = 0. */
    void startHart(int hart, long startAddr, long opaque);

    /**
     * The calling hart continues at {@code addr} in S-mode with satp = 0 and SIE = 0 once this ECALL
     * returns (non-retentive hart_suspend); a0/a1 are already set.
     */
    void resumeAt(int hart, long addr);

    /** The calling hart stops; it no longer runs until {@link #startHart}. */
    void stopHart(int hart);

    /** Blocks the calling hart like WFI until an interrupt is pending for it. */
    void waitForInterrupt(int hart);

    /** Powers the machine off; {@code failure} when the guest reported a system failure. */
    void shutdown(boolean failure);

    /** Resets the machine (reload images and restart). */
    void reboot();
}
