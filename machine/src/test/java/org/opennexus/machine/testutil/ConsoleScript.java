package org.opennexus.machine.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Expect-style console driving: wait for text after a position, then type. Works on nexus and on a QEMU process. */
public final class ConsoleScript {
    /** One step: wait until {@code waitFor} appears (after the previous match), then type {@code send} (may be null). */
    public record Step(String waitFor, String send) { }

    private final Supplier<String> text;
    private final Consumer<String> type;
    private int from;

    public ConsoleScript(Supplier<String> text, Consumer<String> type) {
        this.text = text;
        this.type = type;
    }

    /** Runs the steps; returns null on success or a description of the first step that timed out. */
    public String run(List<Step> steps, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (Step s : steps) {
            int at;
            while ((at = text.get().indexOf(s.waitFor(), from)) < 0) {
                if (System.currentTimeMillis() > deadline) {
                    return "timed out waiting for '" + s.waitFor() + "'";
                }
                Thread.sleep(20);
            }
            from = at + s.waitFor().length();
            if (s.send() != null) {
                type.accept(s.send());
            }
        }
        return null;
    }

    /** A QEMU child process: its stdout collected, its stdin typed into. */
    public static final class QemuConsole implements AutoCloseable {
        private final Process process;
        private final StringBuffer out = new StringBuffer();
        private final Thread reader;

        public QemuConsole(List<String> command) throws IOException {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            reader = Thread.ofPlatform().daemon().start(() -> {
                byte[] buf = new byte[4096];
                try (InputStream in = process.getInputStream()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                } catch (IOException e) {
                    // process ended
                }
            });
        }

        public String text() {
            return out.toString();
        }

        public void type(String s) {
            try {
                OutputStream in = process.getOutputStream();
                in.write(s.getBytes(StandardCharsets.ISO_8859_1));
                in.flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Waits for the process to exit; returns its status or -1 on timeout. */
        public int waitFor(long millis) throws InterruptedException {
            return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            reader.join(1000);
        }
    }
}
