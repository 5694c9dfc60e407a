package org.opennexus.machine.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The reset vector QEMU 7.2 writes at 0x1000 (hw/riscv/boot.c {@code riscv_setup_rom_reset_vec}),
 * followed by the OpenSBI {@code struct fw_dynamic_info} (OpenSBI include/sbi/fw_dynamic.h,
 * version 2) that a2 points to, plus a nexus stub that reports an unexpected M-mode trap when the
 * built-in SBI is in use.
 */
public final class ResetRom {
    public static final long FW_DYNAMIC_INFO_MAGIC = 0x4942534fL; // "OSBI"
    public static final long FW_DYNAMIC_INFO_VERSION = 2;
    public static final long FW_DYNAMIC_INFO_NEXT_MODE_S = 1;
    /** Offset of fw_dynamic_info in the ROM (the reset vector is 10 words). */
    public static final int FW_DYN_OFFSET = 40;
    /** Offset of the M-mode trap stub (mtvec under the built-in SBI). */
    public static final int TRAP_STUB_OFFSET = 0x100;
    /** a7 value the trap stub ECALLs with: lui a7, 0x4e585. */
    public static final long TRAP_STUB_EID = 0x4E58_5000L;

    private ResetRom() { }

    /**
     * @param startAddr  where the reset vector jumps (firmware, or the kernel with {@code --bios none})
     * @param fdtAddr    the DTB address loaded into a1
     * @param nextAddr   fw_dynamic_info.next_addr: the kernel entry the firmware jumps to in S-mode
     */
    public static byte[] build(long startAddr, long fdtAddr, long nextAddr) {
        ByteBuffer b = ByteBuffer.allocate(TRAP_STUB_OFFSET + 32).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x00000297);  // 1: auipc t0, %pcrel_hi(fw_dyn)
        b.putInt(0x02828613);  //    addi  a2, t0, %pcrel_lo(1b)
        b.putInt(0xf1402573);  //    csrr  a0, mhartid
        b.putInt(0x0202b583);  //    ld    a1, 32(t0)
        b.putInt(0x0182b283);  //    ld    t0, 24(t0)
        b.putInt(0x00028067);  //    jr    t0
        b.putLong(startAddr);  // start: .dword
        b.putLong(fdtAddr);    // fdt_laddr: .dword
        // fw_dyn: struct fw_dynamic_info
        b.putLong(FW_DYNAMIC_INFO_MAGIC);
        b.putLong(FW_DYNAMIC_INFO_VERSION);
        b.putLong(nextAddr);
        b.putLong(FW_DYNAMIC_INFO_NEXT_MODE_S);
        b.putLong(0);          // options
        b.putLong(0);          // boot_hart
        b.position(TRAP_STUB_OFFSET);
        b.putInt(0x34202573);  // csrr a0, mcause
        b.putInt(0x341025f3);  // csrr a1, mepc
        b.putInt(0x34302673);  // csrr a2, mtval
        b.putInt(0x4E5858B7);  // lui  a7, 0x4e585
        b.putInt(0x00000073);  // ecall (the machine stops with an error report)
        b.putInt(0x0000006f);  // j .
        return b.array();
    }
}
