package org.opennexus.machine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opennexus.machine.testutil.ConsoleScript;
import org.opennexus.machine.testutil.ConsoleScript.QemuConsole;
import org.opennexus.machine.testutil.ConsoleScript.Step;

/**
 * End-to-end boots of Debian's OpenSBI 1.1 and U-Boot 2023.01 builds for QEMU virt, on nexus and,
 * to check the test itself, on qemu-system-riscv64 with the same images and the same console script.
 */
class BootTest {
    static final Path OPENSBI = Path.of("/usr/lib/riscv64-linux-gnu/opensbi/generic");
    static final Path UBOOT_SMODE = Path.of("/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin");
    static final Path UBOOT_MMODE = Path.of("/usr/lib/u-boot/qemu-riscv64/u-boot.bin");
    static final long TIMEOUT_MS = 60_000;

    /** Stop autoboot with a key, run "version", then "poweroff". */
    static final List<Step> VERSION_POWEROFF = List.of(
            new Step("Hit any key to stop autoboot", "\r"),
            new Step("=> ", "version\r"),
            new Step("U-Boot 2023.01", null),
            new Step("=> ", "poweroff\r"));

    static final List<Step> PROMPT = List.of(
            new Step("Hit any key to stop autoboot", "\r"),
            new Step("=> ", null));

    private static RunResult boot(MachineConfig.Builder b, List<Step> steps) throws Exception {
        MachineConfig c = b.timeout(Duration.ofMillis(TIMEOUT_MS)).build();
        try (VirtMachine m = new VirtMachine(c)) {
            ConsoleScript script = new ConsoleScript(m::consoleText, s -> m.type(s.getBytes(StandardCharsets.US_ASCII)));
            String[] failure = new String[1];
            Thread driver = Thread.ofPlatform().daemon().start(() -> {
                try {
                    failure[0] = script.run(steps, TIMEOUT_MS);
                    if (steps.getLast().send() == null || failure[0] != null) {
                        m.quit();
                    }
                } catch (InterruptedException e) {
                    failure[0] = "interrupted";
                }
            });
            RunResult r = m.run();
            driver.join(5000);
            assertNull(failure[0], failure[0] + "\n--- console ---\n" + r.uartOutput());
            return r;
        }
    }

    @Test
    void openSbiFwJumpThenUBootSmodeVersionAndPoweroff() throws Exception {
        RunResult r = boot(MachineConfig.builder().bios(OPENSBI.resolve("fw_jump.bin")).kernel(UBOOT_SMODE), VERSION_POWEROFF);
        assertEquals(ExitReason.POWER_OFF, r.reason(), r.detail());
        assertEquals(0, r.exitCode());
        String out = r.uartOutput();
        assertTrue(out.contains("OpenSBI v1.1"), out);
        // OpenSBI reads misa: the base ISA and the extensions it probes (Sstc through stimecmp).
        assertTrue(out.contains("Boot HART Base ISA        : rv64imafdc"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("Boot HART ISA Extensions") && l.contains("sstc")), out);
        // U-Boot prints the riscv,isa string of our device tree.
        assertTrue(out.contains("CPU:   " + MachineConfig.DEFAULT_ISA), out);
    }

    @Test
    void openSbiFwDynamicThenUBootSmode() throws Exception {
        RunResult r = boot(MachineConfig.builder().bios(OPENSBI.resolve("fw_dynamic.bin")).kernel(UBOOT_SMODE), PROMPT);
        assertEquals(ExitReason.USER_QUIT, r.reason(), r.detail());
        assertTrue(r.uartOutput().contains("Domain0 Next Address      : 0x0000000080200000"), r.uartOutput());
    }

    @Test
    void builtinSbiThenUBootSmodeVersionAndPoweroff() throws Exception {
        RunResult r = boot(MachineConfig.builder().kernel(UBOOT_SMODE), VERSION_POWEROFF);
        assertEquals(ExitReason.POWER_OFF, r.reason(), r.detail());
        assertEquals(0, r.exitCode());
    }

    @Test
    void uBootMachineModeWithoutFirmware() throws Exception {
        RunResult r = boot(MachineConfig.builder().firmware(Firmware.NONE).kernel(UBOOT_MMODE), PROMPT);
        assertEquals(ExitReason.USER_QUIT, r.reason(), r.detail());
        assertTrue(r.uartOutput().contains("DRAM:  256 MiB"), r.uartOutput());
    }

    /** The same scripts on QEMU: the test's expectations hold on the reference machine too. */
    @Test
    void qemuParity() throws Exception {
        List<String> fwJump = new ArrayList<>(List.of("qemu-system-riscv64", "-M", "virt", "-m", "256M", "-nographic",
                "-monitor", "none", "-serial", "stdio", "-bios", OPENSBI.resolve("fw_jump.bin").toString(),
                "-kernel", UBOOT_SMODE.toString()));
        try (QemuConsole q = new QemuConsole(fwJump)) {
            String failure = new ConsoleScript(q::text, q::type).run(VERSION_POWEROFF, TIMEOUT_MS);
            assertNull(failure, failure + "\n" + q.text());
            assertEquals(0, q.waitFor(TIMEOUT_MS), "QEMU exits 0 on U-Boot's poweroff");
            assertTrue(q.text().contains("Boot HART Base ISA        : rv64imafdc"), q.text());
        }
        List<String> mmode = List.of("qemu-system-riscv64", "-M", "virt", "-m", "256M", "-nographic",
                "-monitor", "none", "-serial", "stdio", "-bios", UBOOT_MMODE.toString());
        try (QemuConsole q = new QemuConsole(mmode)) {
            String failure = new ConsoleScript(q::text, q::type).run(PROMPT, TIMEOUT_MS);
            assertNull(failure, failure + "\n" + q.text());
            assertTrue(q.text().contains("DRAM:  256 MiB"), q.text());
        }
    }
}
