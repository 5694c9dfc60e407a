package org.opennexus.machine;

import static org.junit.jupiter.api.Assertions.*;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.machine.testutil.Guest;
import org.opennexus.statefs.DiskOptions;
import org.opennexus.statefs.LmdbBlockBackend;

/**
 * Drives fill the virtio-mmio slots from the top, like QEMU's -device virtio-blk-device (checked
 * with "info qtree": the first device sits on virtio-mmio-bus.7 at 0x10008000).
 */
class VirtioSlotTest {
    @TempDir
    Path tmp;

    /** Fails with the step number as finisher code on the first mismatch. */
    static final String PROGRAM = """
            .macro EXPECT_W addr, value, step
                li t0, \\addr
                lwu t1, 0(t0)
                li t2, \\value
                li a0, \\step
                bne t1, t2, fail
            .endm
            .globl _start
            _start:
                EXPECT_W 0x10008000, 0x74726976, 1   # MagicValue "virt"
                EXPECT_W 0x10008004, 2, 2            # Version 2
                EXPECT_W 0x10008008, 2, 3            # DeviceID: block
                EXPECT_W 0x10008100, 2048, 4         # capacity: 1 MiB in 512-byte sectors
                EXPECT_W 0x10007008, 2, 5            # second drive: block
                EXPECT_W 0x10007100, 16, 6           # 8 KiB
                EXPECT_W 0x10006008, 4, 7            # then virtio-rng
                EXPECT_W 0x10001000, 0x74726976, 8   # empty slot: magic
                EXPECT_W 0x10001008, 0, 9            # empty slot: device ID 0
                li t0, 0x100000
                li t1, 0x5555
                sw t1, 0(t0)
            fail:
                slli a0, a0, 16
                li t1, 0x3333
                or a0, a0, t1
                li t0, 0x100000
                sw a0, 0(t0)
            1:  j 1b
            """;

    @Test
    void drivesThenRngFromTheLastSlotDown() throws Exception {
        Path elf = Guest.assemble(tmp, "slots", PROGRAM, 0x8000_0000L);
        Path raw = tmp.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
            f.setLength(1 << 20);
        }
        Path lmdb = tmp.resolve("disk.lmdb");
        LmdbBlockBackend.create(lmdb, 8192, DiskOptions.defaults()).close();
        MachineConfig c = MachineConfig.builder().kernel(elf).firmware(Firmware.NONE)
                .drive(new DriveConfig(raw, DriveConfig.Format.RAW, true))
                .drive(new DriveConfig(lmdb, DriveConfig.Format.LMDB, false))
                .virtioRng(true).timeout(Duration.ofSeconds(20)).build();
        try (VirtMachine m = new VirtMachine(c)) {
            RunResult r = m.run();
            assertEquals(ExitReason.POWER_OFF, r.reason(), "failed at step " + r.exitCode() + ": " + r.detail());
        }
    }
}
