package org.opennexus.machine.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.machine.testutil.Dts;
import org.opennexus.machine.testutil.Guest;

/** The nexus command in process: exit statuses and one-line errors. */
class NexusMainTest {
    @TempDir
    static Path tmp;
    static Path hello;
    static Path spin;

    record Outcome(int code, String out, String err) { }

    static Outcome nexus(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NexusMain.execute(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void build() throws Exception {
        // M-mode: print "hello\nworld\n" then power off through the finisher.
        hello = Guest.assemble(tmp, "hello", """
                .globl _start
                _start:
                    la s0, msg
                1:  lbu a0, 0(s0)
                    beqz a0, 2f
                    call putc
                    addi s0, s0, 1
                    j 1b
                2:  li t0, 0x100000
                    li t1, 0x5555
                    sw t1, 0(t0)
                3:  j 3b
                """ + Guest.PUTC + """
                .data
                msg: .asciz "hello\\nworld\\n"
                """, 0x8000_0000L);
        spin = Guest.assemble(tmp, "spin", """
                .globl _start
                _start:
                    li a0, '.'
                    call putc
                1:  j 1b
                """ + Guest.PUTC, 0x8000_0000L);
    }

    private static void assertOneLineUsageError(Outcome o, String part) {
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(part), o.err());
        assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
    }

    @Test
    void versionAndHelp() {
        Outcome v = nexus("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("nexus "), v.out());
        for (String cmd : new String[] {"run", "dtb"}) {
            Outcome h = nexus(cmd, "--help");
            assertEquals(0, h.code());
            assertTrue(h.out().contains("--memory"), h.out());
        }
        assertTrue(nexus("run", "--help").out().contains("--until-marker"));
    }

    @Test
    void usageErrors() {
        assertOneLineUsageError(nexus("run", "--bogus"), "Unknown option");
        assertOneLineUsageError(nexus("run", "--kernel", tmp.resolve("missing.elf").toString()), "no such file");
        assertOneLineUsageError(nexus("run", "--kernel", hello.toString(), "--memory", "12X"), "bad size");
        assertOneLineUsageError(nexus("run", "--kernel", hello.toString(), "--timeout", "soon"), "bad duration");
        assertOneLineUsageError(nexus("run", "--kernel", hello.toString(), "--smp", "99"), "--smp");
        assertOneLineUsageError(nexus("run", "--kernel", hello.toString(), "--engine", "fast"), "--engine");
        assertOneLineUsageError(nexus("run", "--kernel", hello.toString(), "--drive", tmp + "/nodisk.img"), "no such file");
        assertOneLineUsageError(nexus("run", "--kernel", hello.toString(), "--drive", hello + ",format=qcow2"), "unknown format");
        assertOneLineUsageError(nexus("dtb"), "--out");
    }

    @Test
    void malformedElfIsAnImageError() throws Exception {
        Path bad = tmp.resolve("bad.elf");
        byte[] b = Files.readAllBytes(hello);
        Files.write(bad, java.util.Arrays.copyOf(b, 100));
        Outcome o = nexus("run", "--bios", "none", "--kernel", bad.toString());
        assertOneLineUsageError(o, "past the end");
    }

    @Test
    void powerOffExitsZeroAndConsoleGoesToStdout() {
        Outcome o = nexus("run", "--bios", "none", "--kernel", hello.toString(), "--timeout", "20s");
        assertEquals(0, o.code(), o.err());
        assertEquals("hello\nworld\n", o.out());
    }

    @Test
    void timeoutExits124() {
        Outcome o = nexus("run", "--bios", "none", "--kernel", spin.toString(), "--timeout", "300ms");
        assertEquals(124, o.code());
        assertTrue(o.err().contains("timeout"), o.err());
    }

    @Test
    void untilMarkerAndExpect() throws Exception {
        assertEquals(0, nexus("run", "--bios", "none", "--kernel", spin.toString(), "--until-marker", ".", "--timeout", "20s").code());
        Path good = tmp.resolve("good.expect");
        Files.writeString(good, "# markers\nhello\nworld\n");
        assertEquals(0, nexus("run", "--bios", "none", "--kernel", hello.toString(), "--expect", good.toString(), "--timeout", "20s").code());
        Path wrongOrder = tmp.resolve("order.expect");
        Files.writeString(wrongOrder, "world\nhello\n");
        Outcome o = nexus("run", "--bios", "none", "--kernel", hello.toString(), "--expect", wrongOrder.toString(), "--timeout", "20s");
        assertEquals(1, o.code());
        assertTrue(o.err().contains("missing marker: hello"), o.err());
    }

    @Test
    void dtbCommandWritesWhatDtcAccepts() throws Exception {
        Path out = tmp.resolve("m.dtb");
        Outcome o = nexus("dtb", "--out", out.toString(), "--smp", "3", "--memory", "1G", "--append", "console=ttyS0");
        assertEquals(0, o.code(), o.err());
        var nodes = Dts.load(out);
        assertTrue(nodes.containsKey("/cpus/cpu@2"));
        assertEquals("<0x00 0x80000000 0x00 0x40000000>", nodes.get("/memory@80000000").get("reg"));
        assertEquals("\"console=ttyS0\"", nodes.get("/chosen").get("bootargs"));
    }
}
