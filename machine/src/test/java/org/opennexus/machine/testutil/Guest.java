package org.opennexus.machine.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds small guest programs with riscv64-unknown-elf-gcc at test time. */
public final class Guest {
    private Guest() { }

    /** Prelude: UART0 putc into a0 (clobbers t6). Programs use "call putc". */
    public static final String PUTC = """
            putc:
                li t6, 0x10000000
                sb a0, 0(t6)
                ret
            """;

    /** Assembles and links {@code asm} with .text at {@code textAddress}; returns the ELF. */
    public static Path assemble(Path dir, String name, String asm, long textAddress) throws IOException, InterruptedException {
        Path src = dir.resolve(name + ".S");
        Path elf = dir.resolve(name + ".elf");
        Files.writeString(src, asm, StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of("riscv64-unknown-elf-gcc", "-march=rv64gc_zicsr_zifencei", "-mabi=lp64d",
                "-nostdlib", "-nostartfiles", "-static", "-Wl,-n", "-Wl,--no-relax", "-Wl,-Ttext=0x" + Long.toHexString(textAddress),
                "-Wl,--no-warn-rwx-segments", "-o", elf.toString(), src.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("riscv64-unknown-elf-gcc failed: " + out);
        }
        return elf;
    }

    /** objcopy -O binary. */
    public static Path toRaw(Path elf) throws IOException, InterruptedException {
        Path bin = elf.resolveSibling(elf.getFileName().toString().replace(".elf", ".bin"));
        Process p = new ProcessBuilder("riscv64-unknown-elf-objcopy", "-O", "binary", elf.toString(), bin.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("objcopy failed: " + out);
        }
        return bin;
    }
}
