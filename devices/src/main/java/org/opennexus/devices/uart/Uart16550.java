package org.opennexus.devices.uart;

import java.io.IOException;
import java.io.OutputStream;
import org.opennexus.devices.IrqLine;
import org.opennexus.memory.MmioDevice;

/**
 * NS16550A UART with one-byte registers at stride 1, as QEMU virt's (hw/char/serial.c, regshift 0).
 *
 * <p>Registers: 0 RBR/THR (DLL when LCR.DLAB), 1 IER (DLM when DLAB), 2 IIR (read) / FCR (write),
 * 3 LCR, 4 MCR, 5 LSR, 6 MSR, 7 SCR. An aligned access of up to 8 bytes reaches the one register at
 * its offset, as in QEMU; only offsets 0-7 exist.
 *
 * <p>Transmission is instantaneous: a THR write goes to {@code out} at once, so LSR.THRE/TEMT stay
 * set and a THR-empty interrupt becomes pending again after every write. Output is flushed on a
 * newline, after 64 consecutive register reads without a THR write (the guest is polling, i.e. idle),
 * and by {@link #flush()}.
 *
 * <p>Reception: the receive FIFO is refilled from an unbounded host-side buffer up to the trigger level
 * (1, 4, 8 or 14 bytes; 1 with FIFOs disabled), as QEMU's chardev flow control does, so input is never
 * lost to overrun and LSR.OE is never set. With FIFOs enabled and fewer bytes than the trigger level,
 * the character-timeout interrupt (IIR 0xC) is reported immediately instead of after four character
 * times.
 *
 * <p>Thread-safe: {@link #receive} may be called from any thread.
 */
public final class Uart16550 implements MmioDevice {
    /** The slot in QEMU virt's memory map. */
    public static final long SIZE = 0x100;
    /** Bytes of registers actually decoded; the rest of the slot is unassigned (an access fault), as QEMU. */
    public static final int REGISTERS = 8;

    static final int IER_RDI = 0x01, IER_THRI = 0x02, IER_RLSI = 0x04, IER_MSI = 0x08;
    static final int IIR_NO_INT = 0x01, IIR_MSI = 0x00, IIR_THRI = 0x02, IIR_RDI = 0x04,
            IIR_RLSI = 0x06, IIR_CTI = 0x0c, IIR_FIFO_ENABLED = 0xc0;
    static final int FCR_FE = 0x01, FCR_RFR = 0x02, FCR_XFR = 0x04;
    static final int LCR_DLAB = 0x80;
    static final int MCR_LOOP = 0x10;
    static final int LSR_DR = 0x01, LSR_OE = 0x02, LSR_BI = 0x10, LSR_THRE = 0x20, LSR_TEMT = 0x40;
    static final int MSR_CTS = 0x10, MSR_DSR = 0x20, MSR_DCD = 0x80;
    private static final int FIFO_SIZE = 16;
    private static final int IDLE_READS_BEFORE_FLUSH = 64;

    private final OutputStream out;
    private final IrqLine irq;

    private int ier, fcr, lcr, mcr, scr, divider;
    private boolean thrIpending;
    private boolean fifoFe;
    private int triggerLevel = 1;

    // receive FIFO (ring of FIFO_SIZE) and the host-side overflow buffer (growable ring)
    private final byte[] rxFifo = new byte[FIFO_SIZE];
    private int rxHead, rxCount;
    private byte[] host = new byte[256];
    private int hostHead, hostCount;

    private boolean unflushed;
    private int readsSinceWrite;
    private boolean irqLevel;

    public Uart16550(OutputStream out, IrqLine irq) {
        this.out = out;
        this.irq = irq;
        reset();
    }

    /** Power-on state (QEMU serial_reset). */
    public synchronized void reset() {
        ier = 0;
        fcr = 0;
        fifoFe = false;
        triggerLevel = 1;
        lcr = 0;
        mcr = 0x08; // OUT2
        scr = 0;
        divider = 0;
        thrIpending = false;
        rxHead = 0;
        rxCount = 0;
        updateIrq();
    }

    /** Queues one byte of host input; thread-safe, never blocks, never drops input. */
    public synchronized void receive(byte b) {
        if (hostCount == host.length) {
            byte[] bigger = new byte[host.length * 2];
            for (int i = 0; i < hostCount; i++) {
                bigger[i] = host[(hostHead + i) % host.length];
            }
            host = bigger;
            hostHead = 0;
        }
        host[(hostHead + hostCount) % host.length] = b;
        hostCount++;
        refill();
        updateIrq();
    }

    /** Queues host input bytes. */
    public synchronized void receive(byte[] data, int from, int length) {
        for (int i = 0; i < length; i++) {
            receive(data[from + i]);
        }
    }

    /** Bytes received from the host that the guest has not read yet (FIFO plus host buffer). */
    public synchronized int pendingInput() {
        return rxCount + hostCount;
    }

    /** Flushes guest output written so far. */
    public synchronized void flush() {
        if (unflushed) {
            unflushed = false;
            try {
                out.flush();
            } catch (IOException e) {
                // the console went away; the guest keeps running
            }
        }
    }

    /**
     * How many host bytes the FIFO takes in: like QEMU's serial_can_receive, up to the trigger level
     * with FIFOs enabled (so a FIFO reset drops at most that many typed-ahead bytes), one without.
     */
    private int fifoCapacity() {
        return fifoFe ? triggerLevel : 1;
    }

    private void refill() {
        int cap = fifoCapacity();
        while (rxCount < cap && hostCount > 0) {
            rxFifo[(rxHead + rxCount) % FIFO_SIZE] = host[hostHead];
            rxCount++;
            hostHead = (hostHead + 1) % host.length;
            hostCount--;
        }
    }

    private int lsr() {
        return (rxCount > 0 ? LSR_DR : 0) | LSR_THRE | LSR_TEMT;
    }

    private int msr() {
        if ((mcr & MCR_LOOP) != 0) {
            // loopback: DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD (QEMU serial_ioport_read)
            return ((mcr & 0x0c) << 4) | ((mcr & 0x02) << 3) | ((mcr & 0x01) << 5);
        }
        return MSR_DCD | MSR_DSR | MSR_CTS;
    }

    /** Interrupt identification by priority (16550 datasheet table 4; QEMU serial_update_irq). */
    private int pendingIir() {
        if ((ier & IER_RDI) != 0 && rxCount > 0) {
            return (!fifoFe || rxCount >= triggerLevel) ? IIR_RDI : IIR_CTI;
        }
        if ((ier & IER_THRI) != 0 && thrIpending) {
            return IIR_THRI;
        }
        return IIR_NO_INT; // no line-status errors or modem-status deltas are ever produced
    }

    private void updateIrq() {
        boolean level = pendingIir() != IIR_NO_INT;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    /**
     * One register per access whatever its size, zero-extended (QEMU serial_mm_read with
     * impl.max_access_size 8); only the low byte of a write is used (serial_mm_write: value &= 255).
     */
    @Override
    public synchronized long read(long offset, int size) {
        return accepts(offset, size) ? readByte(offset) : 0;
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        if (accepts(offset, size)) {
            writeByte(offset, (int) value & 0xff);
        }
    }

    /** QEMU maps 8 bytes of registers (8 << regshift): aligned accesses of 1 to 8 bytes inside them. */
    @Override
    public boolean accepts(long offset, int size) {
        return offset >= 0 && offset + size <= REGISTERS && (offset & (size - 1)) == 0;
    }

    private int readByte(long offset) {
        if (++readsSinceWrite >= IDLE_READS_BEFORE_FLUSH) {
            readsSinceWrite = 0;
            flush();
        }
        int ret;
        switch ((int) offset) {
            case 0 -> {
                if ((lcr & LCR_DLAB) != 0) {
                    ret = divider & 0xff;
                } else if (rxCount > 0) {
                    ret = rxFifo[rxHead] & 0xff;
                    rxHead = (rxHead + 1) % FIFO_SIZE;
                    rxCount--;
                    refill();
                    updateIrq();
                } else {
                    ret = 0;
                }
            }
            case 1 -> ret = (lcr & LCR_DLAB) != 0 ? (divider >>> 8) & 0xff : ier;
            case 2 -> {
                int iir = pendingIir();
                ret = iir | (fifoFe ? IIR_FIFO_ENABLED : 0);
                if (iir == IIR_THRI) {
                    thrIpending = false; // reading IIR while it reports THRI clears it
                    updateIrq();
                }
            }
            case 3 -> ret = lcr;
            case 4 -> ret = mcr;
            case 5 -> ret = lsr();
            case 6 -> ret = msr();
            case 7 -> ret = scr;
            default -> ret = 0;
        }
        return ret;
    }

    private void writeByte(long offset, int v) {
        switch ((int) offset) {
            case 0 -> {
                if ((lcr & LCR_DLAB) != 0) {
                    divider = (divider & 0xff00) | v;
                } else {
                    transmit((byte) v);
                }
            }
            case 1 -> {
                if ((lcr & LCR_DLAB) != 0) {
                    divider = (divider & 0x00ff) | (v << 8);
                } else {
                    int changed = (ier ^ v) & 0x0f;
                    ier = v & 0x0f;
                    if ((changed & IER_THRI) != 0) {
                        // QEMU: THRI resampled on a change of IER.THRI; THR is always empty here
                        thrIpending = (ier & IER_THRI) != 0;
                    }
                    updateIrq();
                }
            }
            case 2 -> writeFcr(v);
            case 3 -> lcr = v;
            case 4 -> mcr = v & 0x1f;
            case 7 -> scr = v;
            default -> { } // LSR and MSR writes are ignored
        }
    }

    private void writeFcr(int v) {
        if (((v ^ fcr) & FCR_FE) != 0) {
            v |= FCR_RFR | FCR_XFR; // toggling FIFO enable clears both FIFOs
        }
        if ((v & FCR_RFR) != 0) {
            // the receive FIFO is cleared; host-side input not yet in the FIFO is kept
            rxHead = 0;
            rxCount = 0;
        }
        fcr = v & 0xc9;
        fifoFe = (v & FCR_FE) != 0;
        triggerLevel = switch (v >>> 6) {
            case 0 -> 1;
            case 1 -> 4;
            case 2 -> 8;
            default -> 14;
        };
        refill();
        updateIrq();
    }

    private void transmit(byte b) {
        readsSinceWrite = 0;
        if ((mcr & MCR_LOOP) != 0) {
            receive(b);
        } else {
            try {
                out.write(b);
                unflushed = true;
                if (b == '\n') {
                    flush();
                }
            } catch (IOException e) {
                // a closed console must not stop the guest
            }
        }
        thrIpending = true;
        updateIrq();
    }
}
