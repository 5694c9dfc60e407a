package org.opennexus.machine.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** riscv64-unknown-elf-gcc / objdump for the differential programs. */
final class Toolchain {
    static final String MARCH = "rv64gc_zba_zbb_zbs";
    private static final String LINKER_SCRIPT = """
            OUTPUT_ARCH(riscv)
            ENTRY(_start)
            SECTIONS
            {
              . = 0x80000000;
              .text.init : { *(.text.init) }
              .text : { *(.text*) }
              . = ALIGN(4096);
              .data : { *(.data*) *(.rodata*) *(.sdata*) *(.bss*) }
            }
            """;

    private Toolchain() { }

    /** Assembles {@code asm} into {@code dir/name.elf} (keeping {@code name.S} next to it). */
    static Path assemble(Path dir, String name, String asm) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path src = dir.resolve(name + ".S");
        Path ld = dir.resolve("diff.ld");
        Path elf = dir.resolve(name + ".elf");
        Files.writeString(src, asm, StandardCharsets.UTF_8);
        Files.writeString(ld, LINKER_SCRIPT, StandardCharsets.UTF_8);
        run(List.of("riscv64-unknown-elf-gcc", "-march=" + MARCH, "-mabi=lp64d", "-nostdlib", "-nostartfiles",
                "-static", "-Wl,--no-relax", "-T", ld.toString(), "-o", elf.toString(), src.toString()));
        return elf;
    }

    /** The disassembly between the symbols {@code from} and {@code to}. */
    static String disassemble(Path elf, String from, String to) throws IOException, InterruptedException {
        String all = run(List.of("riscv64-unknown-elf-objdump", "-d", "-M", "no-aliases,numeric", elf.toString()));
        int a = all.indexOf("<" + from + ">:");
        int b = all.indexOf("<" + to + ">:");
        if (a < 0 || b < a) {
            return "(disassembly of " + from + " not found)";
        }
        return all.substring(a, b);
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd.subList(0, 1)) + " failed:\n"
                    + out.substring(0, Math.min(out.length(), 4000)));
        }
        return out;
    }
}
