package org.opennexus.machine.loader;

/** A guest image (ELF, raw binary, initrd) that cannot be loaded; the message is one line for the user. */
public final class LoadException extends Exception {
    private static final long serialVersionUID = 1L;

    public LoadException(String message) {
        super(message);
    }
}
