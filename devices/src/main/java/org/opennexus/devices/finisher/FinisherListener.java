package org.opennexus.devices.finisher;

/** Receives the guest's requests to the sifive,test finisher. */
public interface FinisherListener {
    /** FINISHER_PASS (0x5555): power off with success (QEMU exits with status 0). */
    void powerOff();

    /** FINISHER_FAIL (0x3333): power off with failure; QEMU exits with this code. */
    void fail(int code);

    /** FINISHER_RESET (0x7777): reset the machine. */
    void reset();
}
