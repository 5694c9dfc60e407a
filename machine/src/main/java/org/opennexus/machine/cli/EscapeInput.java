package org.opennexus.machine.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * QEMU's console escape: Ctrl-A x quits, Ctrl-A Ctrl-A sends one Ctrl-A, Ctrl-A followed by
 * anything else is dropped. Everything else passes through.
 */
final class EscapeInput extends FilterInputStream {
    static final int CTRL_A = 0x01;
    private final Runnable quit;
    private boolean escape;

    EscapeInput(InputStream in, Runnable quit) {
        super(in);
        this.quit = quit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        while ((n = read(one, 0, 1)) == 0) {
            // filtered out: read again
        }
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n <= 0) {
            return n;
        }
        int w = off;
        for (int i = off; i < off + n; i++) {
            int c = b[i] & 0xff;
            if (escape) {
                escape = false;
                if (c == 'x' || c == 'X') {
                    quit.run();
                } else if (c == CTRL_A) {
                    b[w++] = (byte) c;
                }
            } else if (c == CTRL_A) {
                escape = true;
            } else {
                b[w++] = (byte) c;
            }
        }
        return w - off;
    }
}
