package org.opennexus.devices.uart;

import java.io.IOException;
import java.io.InputStream;

/**
 * A daemon thread copying an input stream (normally the host's stdin) into {@link Uart16550#receive}.
 * Putting a terminal into raw mode is the CLI's job. Stops at end of stream, on an I/O error, or when
 * {@link #close()} is called (the thread is interrupted; a blocked read on System.in only ends at the
 * next byte or at JVM exit, which is fine for a daemon thread).
 */
public final class StdinPump implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stopped;

    private StdinPump(InputStream in, Uart16550 uart) {
        thread = Thread.ofPlatform().daemon().name("nexus-stdin-pump").unstarted(() -> pump(in, uart));
    }

    /** Starts pumping {@code in} into {@code uart}. */
    public static StdinPump start(InputStream in, Uart16550 uart) {
        StdinPump p = new StdinPump(in, uart);
        p.thread.start();
        return p;
    }

    private void pump(InputStream in, Uart16550 uart) {
        byte[] buf = new byte[256];
        try {
            while (!stopped) {
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                if (!stopped) {
                    uart.receive(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // input closed: the guest simply gets no more input
        }
    }

    /** Waits for the pump to end (end of stream), at most {@code millis} ms. */
    public boolean join(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
