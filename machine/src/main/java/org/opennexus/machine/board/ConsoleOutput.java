package org.opennexus.machine.board;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Where guest console bytes go (UART0, SBI console, HTIF): captured in memory, echoed to an
 * optional host stream, and matched against an ordered list of markers. Each marker must start
 * after the end of the previous one's match. The capture keeps the last {@value #CAPTURE_LIMIT}
 * bytes at most.
 */
public final class ConsoleOutput extends OutputStream {
    static final int CAPTURE_LIMIT = 32 << 20;

    private final OutputStream echo;
    private final byte[][] markers;
    private final Runnable allMatched;
    private byte[] buf = new byte[4096];
    private int len;
    private int next;
    private int searchFrom;

    public ConsoleOutput(OutputStream echo, List<String> markers, Runnable allMatched) {
        this.echo = echo;
        this.markers = markers.stream().map(m -> m.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        this.allMatched = allMatched;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int n) {
        boolean done;
        synchronized (this) {
            append(b, off, n);
            done = match();
        }
        if (echo != null) {
            try {
                echo.write(b, off, n);
                echo.flush();
            } catch (IOException e) {
                // host console closed: keep capturing
            }
        }
        if (done) {
            allMatched.run();
        }
    }

    private void append(byte[] b, int off, int n) {
        if (len + n > buf.length) {
            if (len + n > CAPTURE_LIMIT) {
                int drop = Math.min(len, len + n - CAPTURE_LIMIT / 2);
                System.arraycopy(buf, drop, buf, 0, len - drop);
                len -= drop;
                searchFrom = Math.max(0, searchFrom - drop);
            }
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /** Advances over every marker now present; true exactly when the last one has just matched. */
    private boolean match() {
        if (next >= markers.length) {
            return false;
        }
        while (next < markers.length) {
            byte[] m = markers[next];
            int at = indexOf(m, searchFrom);
            if (at < 0) {
                searchFrom = Math.max(searchFrom, len - m.length + 1);
                return false;
            }
            searchFrom = at + m.length;
            next++;
        }
        return true;
    }

    private int indexOf(byte[] m, int from) {
        outer:
        for (int i = Math.max(0, from); i <= len - m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (buf[i + j] != m[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public synchronized boolean allMarkersSeen() {
        return next >= markers.length;
    }

    /** The first marker not seen yet, or null. */
    public synchronized String firstMissingMarker() {
        return next < markers.length ? new String(markers[next], StandardCharsets.UTF_8) : null;
    }

    public synchronized String text() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    @Override
    public void flush() {
        if (echo != null) {
            try {
                echo.flush();
            } catch (IOException e) {
                // ignored, as above
            }
        }
    }
}
