package org.opennexus.jit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Assembles RISC-V source with the installed GNU toolchain (riscv64-unknown-elf-as/ld/objcopy)
 * into a flat image linked at {@link TestHart#RAM_BASE}. Results are cached per source text.
 */
final class Asm {
    static final String MARCH = "rv64gc_zba_zbb_zbs";
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private Asm() { }

    static byte[] assemble(String source) {
        return CACHE.computeIfAbsent(source, Asm::build);
    }

    private static byte[] build(String source) {
        try {
            Path dir = Files.createTempDirectory("nexus-asm");
            try {
                Path s = dir.resolve("t.s");
                Files.writeString(s, ".text\n.globl _start\n_start:\n" + source + "\n.balign 8\n");
                exec(dir, "riscv64-unknown-elf-as", "-march=" + MARCH, "-mabi=lp64d", "-mno-relax", "-o", "t.o", "t.s");
                exec(dir, "riscv64-unknown-elf-ld", "-Ttext=0x" + Long.toHexString(TestHart.RAM_BASE),
                        "--no-relax", "-o", "t.elf", "t.o");
                exec(dir, "riscv64-unknown-elf-objcopy", "-O", "binary", "-j", ".text", "t.elf", "t.bin");
                return Files.readAllBytes(dir.resolve("t.bin"));
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) Files.deleteIfExists(p);
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("assembling failed: " + e.getMessage() + "\n" + source, e);
        }
    }

    private static void exec(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
        }
    }

    /** Little-endian 16-bit parcels of an image (for checking compressed encodings). */
    static int half(byte[] b, int offset) {
        return (b[offset] & 0xff) | ((b[offset + 1] & 0xff) << 8);
    }

    static int word(byte[] b, int offset) {
        return half(b, offset) | (half(b, offset + 2) << 16);
    }
}
