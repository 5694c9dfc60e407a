package org.opennexus.machine.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Puts the controlling terminal into raw mode with stty(1) and restores it on close or JVM exit. */
final class RawTerminal implements AutoCloseable {
    private final String saved;
    private final Thread hook;

    private RawTerminal(String saved) {
        this.saved = saved;
        this.hook = new Thread(this::restore, "nexus-tty-restore");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Raw mode if stdin is a terminal, else null. */
    static RawTerminal enterIfTerminal() {
        if (System.console() == null || !System.console().isTerminal()) {
            return null;
        }
        String saved = stty("-g");
        if (saved == null || stty("raw", "-echo") == null) {
            return null;
        }
        return new RawTerminal(saved.trim());
    }

    private void restore() {
        stty(saved);
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // JVM already shutting down: the hook runs anyway
        }
    }

    private static String stty(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "stty";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
