package org.opennexus.machine.htif;

import java.io.OutputStream;
import java.io.IOException;
import org.opennexus.memory.GuestRam;
import org.opennexus.memory.MmioDevice;

/**
 * The Berkeley Host-Target Interface as riscv-tests and Spike use it: a 64-bit {@code tohost}
 * word (bits 63:56 device, 55:48 command, 47:0 payload) and a {@code fromhost} word. Supported:
 * device 0 command 0 with an odd payload (exit: payload >> 1 is the code, 0 = pass), device 0 with
 * an even payload (a pointer to a proxied syscall; only SYS_write = 64 is served) and device 1
 * command 1 (console putchar). Mapped as two 8-byte MMIO overlays on the ELF's tohost/fromhost.
 */
public final class Htif {
    /** Told when the guest reports a result through tohost. */
    public interface Listener {
        void exit(long code);
    }

    public static final long SYS_WRITE = 64;

    private final GuestRam ram;
    private final OutputStream console;
    private final Listener listener;
    private long tohost;
    private long fromhost;

    public Htif(GuestRam ram, OutputStream console, Listener listener) {
        this.ram = ram;
        this.console = console;
        this.listener = listener;
    }

    public MmioDevice tohostRegister() {
        return new Word(true);
    }

    public MmioDevice fromhostRegister() {
        return new Word(false);
    }

    private synchronized void command(long value) {
        int device = (int) (value >>> 56);
        int cmd = (int) (value >>> 48) & 0xff;
        long payload = value & 0xffff_ffff_ffffL;
        if (device == 0 && cmd == 0) {
            if ((payload & 1) != 0) {
                listener.exit(payload >>> 1);
            } else {
                syscall(payload);
            }
            tohost = 0;
        } else if (device == 1 && cmd == 1) {
            write(new byte[] {(byte) payload});
            tohost = 0;
            fromhost = (1L << 56) | (1L << 48);
        } else {
            tohost = 0; // unknown device/command: acknowledge and ignore
        }
    }

    /** magic_mem[0..3] = {which, arg0, arg1, arg2}; the result goes to magic_mem[0], then fromhost = 1. */
    private void syscall(long magicMem) {
        if (!ram.contains(magicMem, 32)) {
            return;
        }
        long which = ram.loadLongAt(magicMem - ram.base());
        long result = -38; // -ENOSYS
        if (which == SYS_WRITE) {
            long buf = ram.loadLongAt(magicMem + 16 - ram.base());
            long len = ram.loadLongAt(magicMem + 24 - ram.base());
            if (len >= 0 && len < (1 << 20) && ram.contains(buf, len)) {
                byte[] data = new byte[(int) len];
                ram.copyOut(buf, data, 0, data.length);
                write(data);
                result = len;
            } else {
                result = -14; // -EFAULT
            }
        }
        ram.storeLongAt(magicMem - ram.base(), result);
        fromhost = 1;
    }

    private void write(byte[] data) {
        try {
            console.write(data);
            console.flush();
        } catch (IOException e) {
            // console gone: output is lost, the guest carries on
        }
    }

    /** One 64-bit register; 32-bit halves are accepted too (a write to the high half completes a tohost write). */
    private final class Word implements MmioDevice {
        private final boolean isTohost;

        Word(boolean isTohost) {
            this.isTohost = isTohost;
        }

        @Override
        public long read(long offset, int size) {
            synchronized (Htif.this) {
                long v = isTohost ? tohost : fromhost;
                v >>>= offset * 8;
                return size == 8 ? v : v & ((1L << (size * 8)) - 1);
            }
        }

        @Override
        public void write(long offset, int size, long value) {
            synchronized (Htif.this) {
                long cur = isTohost ? tohost : fromhost;
                long mask = size == 8 ? -1L : ((1L << (size * 8)) - 1) << (offset * 8);
                long v = (cur & ~mask) | ((value << (offset * 8)) & mask);
                if (!isTohost) {
                    fromhost = v;
                } else if (offset + size == 8 && v != 0) {
                    command(v);
                } else {
                    tohost = v;
                }
            }
        }
    }
}
