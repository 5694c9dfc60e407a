package org.opennexus.devices.clint;

/**
 * Where the CLINT's per-hart state goes: the board wires this to the harts.
 *
 * <p>{@link #setMsip} drives mip.MSIP of a hart. {@link #setMtimecmp} hands over the new compare
 * value; the board raises mip.MTIP while {@link Clint#mtime()} &gt;= mtimecmp (unsigned, as QEMU).
 * It is called again for every hart when the guest writes mtime, so the board can re-evaluate.
 */
public interface ClintTarget {
    void setMsip(int hart, boolean level);

    void setMtimecmp(int hart, long value);
}
