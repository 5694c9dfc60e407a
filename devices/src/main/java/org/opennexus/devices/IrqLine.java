package org.opennexus.devices;

/**
 * A level-triggered interrupt wire from a device into an interrupt controller (normally a PLIC
 * source). Devices call {@link #set} whenever their interrupt condition may have changed; calling
 * it with the current level again is harmless. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface IrqLine {
    /** A line connected to nothing. */
    IrqLine NONE = level -> { };

    void set(boolean level);
}
