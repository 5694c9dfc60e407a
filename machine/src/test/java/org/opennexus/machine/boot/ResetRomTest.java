package org.opennexus.machine.boot;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.machine.Firmware;
import org.opennexus.machine.MachineConfig;
import org.opennexus.machine.VirtMemoryMap;
import org.opennexus.machine.testutil.Guest;
import org.opennexus.memory.GuestRam;

/** The reset vector and fw_dynamic_info must be word for word what QEMU 7.2 puts at 0x1000 (read with its monitor). */
class ResetRomTest {
    @TempDir
    Path tmp;

    private static List<Long> qemuRomWords(Path kernel) throws Exception {
        Process p = new ProcessBuilder("qemu-system-riscv64", "-M", "virt", "-m", "256M", "-S", "-display", "none",
                "-monitor", "stdio", "-serial", "none", "-bios", "none", "-kernel", kernel.toString())
                .redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("xp /22wx 0x1000\nquit\n".getBytes(StandardCharsets.US_ASCII));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<Long> words = new ArrayList<>();
        Matcher line = Pattern.compile("(?m)^[0-9a-f]{16}:((?: 0x[0-9a-f]{8})+)").matcher(out);
        while (line.find()) {
            for (String w : line.group(1).trim().split(" ")) {
                words.add(Long.parseLong(w.substring(2), 16));
            }
        }
        assertEquals(22, words.size(), out);
        return words;
    }

    @Test
    void matchesQemuWithBiosNone() throws Exception {
        Path kernel = Guest.assemble(tmp, "k", ".globl _start\n_start: j _start\n", 0x8000_0000L);
        MachineConfig c = MachineConfig.builder().firmware(Firmware.NONE).kernel(kernel).build();
        BootLoader.Result boot = BootLoader.load(c, new GuestRam(VirtMemoryMap.DRAM_BASE, c.memoryBytes()));
        assertEquals(0x8fe0_0000L, boot.plan().fdtAddress(), "QEMU's DTB address for 256M (riscv_load_fdt)");
        byte[] rom = ResetRom.build(boot.firmwareEntry(), boot.plan().fdtAddress(), boot.plan().kernelEntry());
        ByteBuffer b = ByteBuffer.wrap(rom).order(ByteOrder.LITTLE_ENDIAN);
        List<Long> ours = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            ours.add(b.getInt(i * 4) & 0xffff_ffffL);
        }
        assertEquals(qemuRomWords(kernel), ours);
    }
}
