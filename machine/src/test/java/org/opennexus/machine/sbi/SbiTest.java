package org.opennexus.machine.sbi;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SBI call semantics against the SBI v2.0 specification, with a recording fake board. */
class SbiTest {
    static final class FakeHost implements SbiHost {
        final int harts;
        final byte[] ram = new byte[0x1000];
        static final long RAM_BASE = 0x8000_0000L;
        final ByteArrayOutputStream console = new ByteArrayOutputStream();
        final ArrayDeque<Integer> input = new ArrayDeque<>();
        final List<String> events = new ArrayList<>();

        FakeHost(int harts) { this.harts = harts; }

        @Override public int hartCount() { return harts; }
        @Override public long machineInfoCsr(int hart, int csr) { return csr == 0xF12 ? 0x42 + hart : 0; }
        @Override public void consoleWrite(byte b) { console.write(b); }
        @Override public int consoleRead() { return input.isEmpty() ? -1 : input.poll(); }
        @Override public boolean readRam(long paddr, byte[] dst, int length) {
            if (paddr < RAM_BASE || paddr + length > RAM_BASE + ram.length) return false;
            System.arraycopy(ram, (int) (paddr - RAM_BASE), dst, 0, length);
            return true;
        }
        @Override public Long loadVirtual64(int hart, long vaddr) {
            byte[] b = new byte[8];
            return readRam(vaddr, b, 8) ? java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong() : null;
        }
        @Override public boolean writeRam(long paddr, byte[] src, int length) {
            if (paddr < RAM_BASE || paddr + length > RAM_BASE + ram.length) return false;
            System.arraycopy(src, 0, ram, (int) (paddr - RAM_BASE), length);
            return true;
        }
        @Override public void setTimer(int hart, long v) { events.add("timer " + hart + " " + v); }
        @Override public void sendSupervisorSoftwareInterrupt(int hart) { events.add("ipi " + hart); }
        @Override public void clearSupervisorSoftwareInterrupt(int hart) { events.add("clear-ipi " + hart); }
        @Override public void remoteSfenceVma(int hart) { events.add("sfence " + hart); }
        @Override public void remoteFenceI(int hart) { events.add("fence.i " + hart); }
        @Override public void startHart(int hart, long a, long o) { events.add("start " + hart + " " + Long.toHexString(a) + " " + o); }
        @Override public void resumeAt(int hart, long a) { events.add("resume " + hart + " " + Long.toHexString(a)); }
        @Override public void stopHart(int hart) { events.add("stop " + hart); }
        @Override public void waitForInterrupt(int hart) { events.add("wfi " + hart); }
        @Override public void shutdown(boolean failure) { events.add("shutdown " + failure); }
        @Override public void reboot() { events.add("reboot"); }
    }

    private final FakeHost host = new FakeHost(4);
    private final Sbi sbi = new Sbi(host);

    private long[] call(int hart, long eid, long fid, long... args) {
        long[] x = new long[32];
        System.arraycopy(args, 0, x, 10, args.length);
        x[17] = eid;
        x[16] = fid;
        sbi.call(hart, x);
        return x;
    }

    @Test
    void baseExtension() {
        long[] x = call(0, 0x10, 0);
        assertEquals(0, x[10]);
        assertEquals(0x0200_0000L, x[11], "spec version 2.0: major in bits 30:24");
        assertEquals(1, call(0, 0x10, 3, 0x48534D)[11], "HSM probes as present");
        assertEquals(1, call(0, 0x10, 3, 0x4442434E)[11], "DBCN probes as present");
        assertEquals(0, call(0, 0x10, 3, 0x504D55)[11], "PMU is absent");
        assertEquals(-2, call(0, 0x504D55, 0)[10], "unknown extension is SBI_ERR_NOT_SUPPORTED");
        assertEquals(0x43, call(1, 0x10, 5)[11], "sbi_get_marchid returns the calling hart's marchid CSR");
        assertEquals(Sbi.IMPL_ID, call(0, 0x10, 1)[11]);
    }

    @Test
    void timeAndIpiWithHartMasks() {
        call(2, 0x54494D45L, 0, 12345);
        assertEquals(List.of("timer 2 12345"), host.events);
        host.events.clear();
        assertEquals(0, call(0, 0x735049, 0, 0b101, 1)[10]);
        assertEquals(List.of("ipi 1", "ipi 3"), host.events, "mask bits are relative to hart_mask_base");
        host.events.clear();
        assertEquals(0, call(0, 0x735049, 0, 0, -1)[10]);
        assertEquals(List.of("ipi 0", "ipi 1", "ipi 2", "ipi 3"), host.events, "base -1 selects all harts");
        host.events.clear();
        assertEquals(-3, call(0, 0x735049, 0, 0b1, 4)[10], "hart 4 does not exist");
        assertTrue(host.events.isEmpty());
    }

    @Test
    void rfence() {
        assertEquals(0, call(0, 0x52464E43L, 1, 0b11, 0, 0x1000, 0x2000)[10]);
        assertEquals(List.of("sfence 0", "sfence 1"), host.events);
        assertEquals(-2, call(0, 0x52464E43L, 3, 1, 0)[10], "HFENCE needs H");
    }

    @Test
    void hsmLifecycle() {
        assertEquals(Sbi.HSM_STARTED, call(0, 0x48534D, 2, 0)[11]);
        assertEquals(Sbi.HSM_STOPPED, call(0, 0x48534D, 2, 1)[11]);
        assertEquals(0, call(0, 0x48534D, 0, 1, 0x8000_0100L, 42)[10]);
        assertEquals(List.of("start 1 80000100 42"), host.events);
        assertEquals(Sbi.HSM_STARTED, call(0, 0x48534D, 2, 1)[11]);
        assertEquals(-6, call(0, 0x48534D, 0, 1, 0x8000_0100L, 42)[10], "already started: SBI_ERR_ALREADY_AVAILABLE");
        assertEquals(-5, call(0, 0x48534D, 0, 2, 0x100, 0)[10], "start address outside RAM: SBI_ERR_INVALID_ADDRESS");
        assertEquals(-3, call(0, 0x48534D, 0, 9, 0x8000_0000L, 0)[10]);
        assertEquals(0, call(1, 0x48534D, 1)[10]);
        assertEquals(Sbi.HSM_STOPPED, call(0, 0x48534D, 2, 1)[11]);
        assertEquals(-3, call(0, 0x48534D, 2, 7)[10]);
    }

    @Test
    void srst() {
        call(0, 0x53525354L, 0, 0, 0);
        call(0, 0x53525354L, 0, 0, 1);
        call(0, 0x53525354L, 0, 1, 0);
        assertEquals(List.of("shutdown false", "shutdown true", "reboot"), host.events);
        assertEquals(-3, call(0, 0x53525354L, 0, 5, 0)[10]);
    }

    @Test
    void debugConsole() {
        byte[] msg = "hello".getBytes();
        System.arraycopy(msg, 0, host.ram, 0x10, msg.length);
        long[] x = call(0, 0x4442434EL, 0, 5, 0x8000_0010L, 0);
        assertEquals(0, x[10]);
        assertEquals(5, x[11], "bytes written");
        call(0, 0x4442434EL, 2, '!');
        assertEquals("hello!", host.console.toString());
        assertEquals(-3, call(0, 0x4442434EL, 0, 5, 0x10, 0)[10], "buffer outside RAM");
        host.input.add((int) 'o');
        host.input.add((int) 'k');
        x = call(0, 0x4442434EL, 1, 8, 0x8000_0100L, 0);
        assertEquals(2, x[11]);
        assertEquals('o', host.ram[0x100]);
        assertEquals('k', host.ram[0x101]);
    }

    @Test
    void legacyCalls() {
        long[] x = call(0, 1, 0, 'A');
        assertEquals("A", host.console.toString());
        assertEquals(-1, call(0, 2, 0)[10], "getchar with no input");
        host.input.add((int) 'z');
        assertEquals('z', call(0, 2, 0)[10]);
        host.ram[0x20] = 0b1010;
        assertEquals(0, call(0, 4, 0, 0x8000_0020L)[10]);
        assertEquals(-5, call(0, 4, 0, 0x10)[10], "unreadable hart mask pointer");
        call(3, 0, 0, 777);
        call(0, 8, 0);
        assertEquals(List.of("ipi 1", "ipi 3", "timer 3 777", "shutdown false"), host.events);
        assertEquals(0, x[10]);
    }
}
