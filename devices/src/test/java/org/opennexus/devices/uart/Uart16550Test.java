package org.opennexus.devices.uart;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class Uart16550Test {
    static final int RBR = 0, IER = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AtomicBoolean irq = new AtomicBoolean();
    private final Uart16550 uart = new Uart16550(out, irq::set);

    private int rd(int reg) { return (int) uart.read(reg, 1); }
    private void wr(int reg, int v) { uart.write(reg, 1, v); }

    @Test
    void transmitGoesStraightOut() {
        for (byte b : "hi\n".getBytes(StandardCharsets.US_ASCII)) {
            assertEquals(0x60, rd(LSR) & 0x60); // THRE and TEMT
            wr(RBR, b);
        }
        assertEquals("hi\n", out.toString(StandardCharsets.US_ASCII));
        assertEquals(0x60, rd(LSR));
    }

    @Test
    void flushOnNewlineAndOnRequest() {
        int[] flushes = {0};
        OutputStream counting = new OutputStream() {
            @Override public void write(int b) { }
            @Override public void flush() { flushes[0]++; }
        };
        Uart16550 u = new Uart16550(counting, l -> { });
        u.write(0, 1, 'a');
        assertEquals(0, flushes[0]);
        u.write(0, 1, '\n');
        assertEquals(1, flushes[0]);
        u.write(0, 1, '$');
        u.flush();
        assertEquals(2, flushes[0]);
        u.flush(); // nothing new
        assertEquals(2, flushes[0]);
        u.write(0, 1, '>');
        for (int i = 0; i < 64; i++) {
            u.read(5, 1); // a guest polling LSR for input is idle
        }
        assertEquals(3, flushes[0]);
    }

    @Test
    void resetState() {
        assertEquals(0x01, rd(IIR)); // no interrupt
        assertEquals(0x60, rd(LSR));
        assertEquals(0xb0, rd(MSR)); // DCD, DSR, CTS as QEMU without a modem backend
        assertEquals(0x08, rd(MCR)); // OUT2
        assertFalse(irq.get());
    }

    @Test
    void receiveDataReadyAndInterrupt() {
        uart.receive((byte) 'x');
        assertEquals(0x61, rd(LSR));
        assertFalse(irq.get()); // IER.RDI off
        wr(IER, 0x01);
        assertTrue(irq.get());
        assertEquals(0x04, rd(IIR));
        assertEquals('x', rd(RBR));
        assertFalse(irq.get());
        assertEquals(0x60, rd(LSR));
        assertEquals(0x01, rd(IIR));
        assertEquals(0, rd(RBR)); // empty
    }

    @Test
    void thrEmptyInterrupt() {
        wr(IER, 0x02);
        assertTrue(irq.get()); // THR is empty, so enabling THRI raises it (16550 behaviour)
        assertEquals(0x02, rd(IIR));
        assertFalse(irq.get()); // reading IIR that reports THRI clears it
        assertEquals(0x01, rd(IIR));
        wr(RBR, 'a');
        assertTrue(irq.get()); // transmission done at once: THR empty again
        wr(IER, 0x00);
        assertFalse(irq.get());
    }

    @Test
    void receiveHasPriorityOverThre() {
        wr(IER, 0x03);
        uart.receive((byte) 1);
        assertEquals(0x04, rd(IIR));
        rd(RBR);
        assertEquals(0x02, rd(IIR));
    }

    @Test
    void fifoTriggerLevelAndTimeout() {
        wr(FCR, 0x81); // enable FIFO, trigger level 8
        wr(IER, 0x01);
        assertEquals(0xc1, rd(IIR)); // FIFO-enabled bits, no interrupt
        for (int i = 0; i < 3; i++) {
            uart.receive((byte) i);
        }
        assertTrue(irq.get());
        assertEquals(0xcc, rd(IIR)); // below the trigger level: character timeout
        for (int i = 3; i < 8; i++) {
            uart.receive((byte) i);
        }
        assertEquals(0xc4, rd(IIR)); // at the trigger level: received data available
        for (int i = 0; i < 8; i++) {
            assertEquals(i, rd(RBR));
        }
        assertFalse(irq.get());
    }

    @Test
    void noInputIsLostBeyondTheFifo() {
        wr(FCR, 0x01);
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        uart.receive(data, 0, data.length);
        assertEquals(1000, uart.pendingInput());
        for (int i = 0; i < data.length; i++) {
            assertEquals(1, rd(LSR) & 1);
            assertEquals(data[i] & 0xff, rd(RBR));
        }
        assertEquals(0, rd(LSR) & 1);
        assertEquals(0, uart.pendingInput());
    }

    @Test
    void fifoResetDropsOnlyWhatTheFifoHeld() {
        wr(FCR, 0xc1); // trigger level 14: the FIFO takes in up to 14 bytes (QEMU serial_can_receive)
        for (int i = 0; i < 30; i++) {
            uart.receive((byte) i);
        }
        wr(FCR, 0xc3); // clear the receive FIFO: bytes 0..13 dropped, 14..27 refill it
        assertEquals(14, rd(RBR)); // and 28 moves in
        assertEquals(15, uart.pendingInput());
        wr(FCR, 0x43); // clear again with trigger level 4: 15..28 dropped, only 29 is left
        assertEquals(1, uart.pendingInput());
        assertEquals(29, rd(RBR));
    }

    @Test
    void withoutFifoOneByteAtATime() {
        uart.receive((byte) 'a');
        uart.receive((byte) 'b');
        assertEquals('a', rd(RBR));
        assertEquals('b', rd(RBR));
    }

    @Test
    void divisorLatch() {
        wr(LCR, 0x83);
        wr(0, 0x34);
        wr(1, 0x12);
        assertEquals(0x34, rd(0));
        assertEquals(0x12, rd(1));
        wr(LCR, 0x03);
        assertEquals(0, rd(IER));
        assertEquals(0x03, rd(LCR));
        wr(RBR, 'z'); // not a divisor write any more
        assertEquals("z", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void scratchAndLoopback() {
        wr(SCR, 0x5a);
        assertEquals(0x5a, rd(SCR));
        wr(MCR, 0x1f); // loopback with DTR, RTS, OUT1, OUT2
        assertEquals(0xf0, rd(MSR));
        wr(RBR, 'q');
        assertEquals("", out.toString(StandardCharsets.US_ASCII));
        assertEquals('q', rd(RBR));
    }

    @Test
    void widerAccessesReachOneRegister() {
        wr(SCR, 0x77);
        assertEquals(0x08, uart.read(4, 4)); // MCR only, zero-extended (QEMU serial_mm_read)
        assertEquals(0, uart.read(0, 8)); // RBR with nothing received
        uart.write(4, 4, 0x7777_7703L); // low byte only: MCR = 0x03
        assertEquals(0x03, rd(MCR));
        assertEquals(0x77, rd(SCR));
    }

    @Test
    void onlyTheEightRegistersExist() {
        assertTrue(uart.accepts(7, 1));
        assertTrue(uart.accepts(0, 8));
        assertFalse(uart.accepts(8, 1));
        assertFalse(uart.accepts(0x40, 4));
        assertFalse(uart.accepts(2, 4)); // misaligned
        assertEquals(0, uart.read(8, 1));
    }

    @Test
    void concurrentReceiveLosesNothing() throws InterruptedException {
        Thread t = new Thread(() -> {
            for (int i = 0; i < 5000; i++) {
                uart.receive((byte) i);
            }
        });
        t.start();
        int got = 0;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (got < 5000 && System.nanoTime() < deadline) {
            if ((rd(LSR) & 1) != 0) {
                assertEquals(got & 0xff, rd(RBR));
                got++;
            }
        }
        t.join();
        assertEquals(5000, got);
    }

    @Test
    void stdinPumpFeedsTheUart() throws InterruptedException {
        StdinPump pump = StdinPump.start(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)), uart);
        assertTrue(pump.join(5000));
        assertEquals('a', rd(RBR));
        assertEquals('b', rd(RBR));
        assertEquals('c', rd(RBR));
        pump.close();
    }
}
