package org.opennexus.machine.sbi;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * nexus's built-in SBI implementation (RISC-V SBI specification v2.0): the BASE, TIME, IPI, RFENCE,
 * HSM, SRST and DBCN extensions plus the legacy v0.1 calls. Called for every ECALL from S-mode with
 * the caller's integer registers; a7 = EID, a6 = FID, a0..a5 = arguments; on return a0 = error,
 * a1 = value (section 3, "Binary Encoding").
 */
public final class Sbi {
    /** SBI 2.0: major in bits 30:24, minor in 23:0 (section 4.1). */
    public static final long SPEC_VERSION = 2L << 24;
    /**
     * Implementation ID: 0x4e58 ("NX"), not in the SBI specification's table of implementation IDs
     * (section 4.9, which assigns 0..11 and a few more).
     */
    public static final long IMPL_ID = 0x4e58;
    public static final long IMPL_VERSION = 0x0001_0000L; // 1.0

    // Extension IDs (sections 4..12).
    public static final long EXT_BASE = 0x10;
    public static final long EXT_TIME = 0x54494D45L;
    public static final long EXT_IPI = 0x735049L;
    public static final long EXT_RFENCE = 0x52464E43L;
    public static final long EXT_HSM = 0x48534DL;
    public static final long EXT_SRST = 0x53525354L;
    public static final long EXT_DBCN = 0x4442434EL;
    // Legacy extensions (section 5).
    public static final long LEGACY_SET_TIMER = 0;
    public static final long LEGACY_CONSOLE_PUTCHAR = 1;
    public static final long LEGACY_CONSOLE_GETCHAR = 2;
    public static final long LEGACY_CLEAR_IPI = 3;
    public static final long LEGACY_SEND_IPI = 4;
    public static final long LEGACY_REMOTE_FENCE_I = 5;
    public static final long LEGACY_REMOTE_SFENCE_VMA = 6;
    public static final long LEGACY_REMOTE_SFENCE_VMA_ASID = 7;
    public static final long LEGACY_SHUTDOWN = 8;

    // Standard error codes (section 3.2, table 1).
    public static final long SUCCESS = 0;
    public static final long ERR_FAILED = -1;
    public static final long ERR_NOT_SUPPORTED = -2;
    public static final long ERR_INVALID_PARAM = -3;
    public static final long ERR_DENIED = -4;
    public static final long ERR_INVALID_ADDRESS = -5;
    public static final long ERR_ALREADY_AVAILABLE = -6;
    public static final long ERR_ALREADY_STARTED = -7;
    public static final long ERR_ALREADY_STOPPED = -8;

    // HSM hart states (section 9, table 21).
    public static final int HSM_STARTED = 0;
    public static final int HSM_STOPPED = 1;
    public static final int HSM_START_PENDING = 2;
    public static final int HSM_STOP_PENDING = 3;
    public static final int HSM_SUSPENDED = 4;

    private static final int A0 = 10;
    private static final int A1 = 11;
    private static final int DBCN_CHUNK = 4096;

    private final SbiHost host;
    private final AtomicIntegerArray hsmState;

    /** Hart 0 (the boot hart) starts STARTED, the others STOPPED until hart_start. */
    public Sbi(SbiHost host) {
        this.host = host;
        this.hsmState = new AtomicIntegerArray(host.hartCount());
        for (int h = 1; h < host.hartCount(); h++) {
            hsmState.set(h, HSM_STOPPED);
        }
    }

    public int hartState(int hart) {
        return hsmState.get(hart);
    }

    /** Marks a hart running again after {@link SbiHost#startHart}; called by the machine on reset too. */
    public void setHartState(int hart, int state) {
        hsmState.set(hart, state);
    }

    /** Handles one ECALL from S-mode of {@code hart} whose registers are {@code x}; always succeeds. */
    public void call(int hart, long[] x) {
        long eid = x[17];
        long fid = x[16];
        if (eid <= LEGACY_SHUTDOWN && eid >= 0) {
            legacy(hart, x, eid);
            return;
        }
        long[] r;
        if (eid == EXT_BASE) {
            r = base(hart, fid, x);
        } else if (eid == EXT_TIME) {
            r = fid == 0 ? ok(setTimer(hart, x[A0])) : err(ERR_NOT_SUPPORTED);
        } else if (eid == EXT_IPI) {
            r = fid == 0 ? forHarts(x[A0], x[A1], host::sendSupervisorSoftwareInterrupt) : err(ERR_NOT_SUPPORTED);
        } else if (eid == EXT_RFENCE) {
            r = rfence(fid, x);
        } else if (eid == EXT_HSM) {
            r = hsm(hart, fid, x);
        } else if (eid == EXT_SRST) {
            r = srst(fid, x);
        } else if (eid == EXT_DBCN) {
            r = dbcn(fid, x);
        } else {
            r = err(ERR_NOT_SUPPORTED);
        }
        if (r != null) {
            x[A0] = r[0];
            x[A1] = r[1];
        }
    }

    private void legacy(int hart, long[] x, long eid) {
        // Legacy calls return their value in a0 only (section 5).
        x[A0] = switch ((int) eid) {
            case (int) LEGACY_SET_TIMER -> setTimer(hart, x[A0]);
            case (int) LEGACY_CONSOLE_PUTCHAR -> {
                host.consoleWrite((byte) x[A0]);
                yield SUCCESS;
            }
            case (int) LEGACY_CONSOLE_GETCHAR -> host.consoleRead();
            case (int) LEGACY_CLEAR_IPI -> {
                host.clearSupervisorSoftwareInterrupt(hart);
                yield SUCCESS;
            }
            case (int) LEGACY_SEND_IPI -> legacyMask(hart, x[A0], host::sendSupervisorSoftwareInterrupt);
            case (int) LEGACY_REMOTE_FENCE_I -> legacyMask(hart, x[A0], host::remoteFenceI);
            case (int) LEGACY_REMOTE_SFENCE_VMA, (int) LEGACY_REMOTE_SFENCE_VMA_ASID ->
                    legacyMask(hart, x[A0], host::remoteSfenceVma);
            default -> { // LEGACY_SHUTDOWN
                host.shutdown(false);
                yield SUCCESS;
            }
        };
    }

    /** Legacy calls pass a (virtual) pointer to an unsigned long hart mask; 0 means all harts. */
    private long legacyMask(int hart, long maskAddr, java.util.function.IntConsumer action) {
        long mask = -1;
        if (maskAddr != 0) {
            Long m = host.loadVirtual64(hart, maskAddr);
            if (m == null) {
                return ERR_INVALID_ADDRESS;
            }
            mask = m;
        }
        for (int h = 0; h < host.hartCount() && h < 64; h++) {
            if ((mask >>> h & 1) != 0) {
                action.accept(h);
            }
        }
        return SUCCESS;
    }

    private long setTimer(int hart, long value) {
        host.setTimer(hart, value);
        return SUCCESS;
    }

    private long[] base(int hart, long fid, long[] x) {
        return switch ((int) fid) {
            case 0 -> ok(SPEC_VERSION);
            case 1 -> ok(IMPL_ID);
            case 2 -> ok(IMPL_VERSION);
            case 3 -> ok(probe(x[A0]) ? 1 : 0);
            case 4 -> ok(host.machineInfoCsr(hart, 0xF11)); // mvendorid
            case 5 -> ok(host.machineInfoCsr(hart, 0xF12)); // marchid
            case 6 -> ok(host.machineInfoCsr(hart, 0xF13)); // mimpid
            default -> err(ERR_NOT_SUPPORTED);
        };
    }

    static boolean probe(long eid) {
        return eid == EXT_BASE || eid == EXT_TIME || eid == EXT_IPI || eid == EXT_RFENCE || eid == EXT_HSM
                || eid == EXT_SRST || eid == EXT_DBCN || (eid >= 0 && eid <= LEGACY_SHUTDOWN);
    }

    /**
     * Applies an action to the harts in (hart_mask, hart_mask_base) (section 3.1, "Hart list
     * parameter"): base -1 means every hart; any selected hart that does not exist is INVALID_PARAM.
     */
    private long[] forHarts(long mask, long maskBase, java.util.function.IntConsumer action) {
        int n = host.hartCount();
        if (maskBase == -1) {
            for (int h = 0; h < n; h++) {
                action.accept(h);
            }
            return ok(0);
        }
        if (maskBase < 0 || maskBase >= n && mask != 0) {
            return err(ERR_INVALID_PARAM);
        }
        for (int bit = 0; bit < 64; bit++) {
            if ((mask >>> bit & 1) != 0 && maskBase + bit >= n) {
                return err(ERR_INVALID_PARAM);
            }
        }
        for (int bit = 0; bit < 64; bit++) {
            if ((mask >>> bit & 1) != 0) {
                action.accept((int) (maskBase + bit));
            }
        }
        return ok(0);
    }

    private long[] rfence(long fid, long[] x) {
        return switch ((int) fid) {
            case 0 -> forHarts(x[A0], x[A1], host::remoteFenceI);
            // sfence.vma / sfence.vma.asid over a range: nexus flushes the whole TLB, a permitted superset.
            case 1, 2 -> forHarts(x[A0], x[A1], host::remoteSfenceVma);
            default -> err(ERR_NOT_SUPPORTED); // HFENCE.* need the H extension
        };
    }

    private long[] hsm(int hart, long fid, long[] x) {
        switch ((int) fid) {
            case 0 -> { // hart_start(hartid, start_addr, opaque)
                long target = x[A0];
                if (target < 0 || target >= host.hartCount()) {
                    return err(ERR_INVALID_PARAM);
                }
                int t = (int) target;
                if (!hsmState.compareAndSet(t, HSM_STOPPED, HSM_START_PENDING)) {
                    return err(ERR_ALREADY_AVAILABLE);
                }
                long start = x[A1];
                byte[] probe = new byte[2];
                if (!host.readRam(start, probe, 2)) {
                    hsmState.set(t, HSM_STOPPED);
                    return err(ERR_INVALID_ADDRESS);
                }
                hsmState.set(t, HSM_STARTED);
                host.startHart(t, start, x[12]);
                return ok(0);
            }
            case 1 -> { // hart_stop()
                if (hsmState.get(hart) != HSM_STARTED) {
                    return err(ERR_FAILED);
                }
                hsmState.set(hart, HSM_STOPPED);
                host.stopHart(hart);
                return ok(0);
            }
            case 2 -> { // hart_get_status(hartid)
                long target = x[A0];
                if (target < 0 || target >= host.hartCount()) {
                    return err(ERR_INVALID_PARAM);
                }
                return ok(hsmState.get((int) target));
            }
            case 3 -> { // hart_suspend(suspend_type, resume_addr, opaque)
                long type = x[A0] & 0xffff_ffffL;
                if (type == 0) { // default retentive suspend: like WFI, returns SUCCESS on an interrupt
                    hsmState.set(hart, HSM_SUSPENDED);
                    host.waitForInterrupt(hart);
                    hsmState.set(hart, HSM_STARTED);
                    return ok(0);
                }
                if (type == 0x8000_0000L) { // default non-retentive: resume at resume_addr, a0 = hartid, a1 = opaque
                    byte[] probe = new byte[2];
                    if (!host.readRam(x[A1], probe, 2)) {
                        return err(ERR_INVALID_ADDRESS);
                    }
                    hsmState.set(hart, HSM_SUSPENDED);
                    host.waitForInterrupt(hart);
                    hsmState.set(hart, HSM_STARTED);
                    long resume = x[A1];
                    x[A0] = hart;
                    x[A1] = x[12];
                    host.resumeAt(hart, resume);
                    return null; // does not return to the caller: a0/a1 already hold hartid/opaque
                }
                return err(ERR_INVALID_PARAM);
            }
            default -> {
                return err(ERR_NOT_SUPPORTED);
            }
        }
    }

    private long[] srst(long fid, long[] x) {
        if (fid != 0) {
            return err(ERR_NOT_SUPPORTED);
        }
        long type = x[A0] & 0xffff_ffffL;
        long reason = x[A1] & 0xffff_ffffL;
        if (type > 2 || reason > 1 && reason < 0xE000_0000L) {
            return err(ERR_INVALID_PARAM);
        }
        if (type == 0) {
            host.shutdown(reason == 1);
        } else {
            host.reboot();
        }
        return ok(0);
    }

    private long[] dbcn(long fid, long[] x) {
        switch ((int) fid) {
            case 0 -> { // console_write(num_bytes, base_addr_lo, base_addr_hi)
                int n = (int) Math.min(x[A0] < 0 ? DBCN_CHUNK : x[A0], DBCN_CHUNK);
                byte[] buf = new byte[n];
                if (!host.readRam(x[A1], buf, n)) {
                    return err(ERR_INVALID_PARAM);
                }
                for (byte b : buf) {
                    host.consoleWrite(b);
                }
                return ok(n);
            }
            case 1 -> { // console_read(num_bytes, base_addr_lo, base_addr_hi)
                int n = (int) Math.min(x[A0] < 0 ? DBCN_CHUNK : x[A0], DBCN_CHUNK);
                byte[] buf = new byte[n];
                int got = 0;
                while (got < n) {
                    int c = host.consoleRead();
                    if (c < 0) {
                        break;
                    }
                    buf[got++] = (byte) c;
                }
                if (got > 0 && !host.writeRam(x[A1], buf, got)) {
                    return err(ERR_INVALID_PARAM);
                }
                return ok(got);
            }
            case 2 -> { // console_write_byte(byte)
                host.consoleWrite((byte) x[A0]);
                return ok(0);
            }
            default -> {
                return err(ERR_NOT_SUPPORTED);
            }
        }
    }

    private static long[] ok(long value) {
        return new long[] {SUCCESS, value};
    }

    private static long[] err(long error) {
        return new long[] {error, 0};
    }
}
