package org.opennexus.machine.loader;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.machine.testutil.Guest;
import org.opennexus.memory.GuestRam;

class ElfLoaderTest {
    @TempDir
    static Path tmp;
    static byte[] good;
    static Path goodElf;

    static final String PROGRAM = """
            .globl _start
            _start:
                la a0, buf
                j _start
            .data
            .align 3
            buf: .dword 0x1122334455667788
            .bss
            .globl zeroes
            zeroes: .space 256
            .section .tohost,"aw",@progbits
            .align 6
            .globl tohost
            tohost: .dword 0
            .align 6
            .globl fromhost
            fromhost: .dword 0
            """;

    @BeforeAll
    static void build() throws Exception {
        goodElf = Guest.assemble(tmp, "good", PROGRAM, 0x8020_0000L);
        good = Files.readAllBytes(goodElf);
    }

    private static long symbolFromNm(String name) throws Exception {
        Process p = new ProcessBuilder("riscv64-unknown-elf-nm", goodElf.toString()).start();
        for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(name)) {
                return Long.parseUnsignedLong(f[0], 16);
            }
        }
        throw new AssertionError("nm has no " + name);
    }

    @Test
    void loadsSegmentsZeroFillsBssAndFindsSymbols() throws Exception {
        ElfImage elf = ElfImage.parse("good", good);
        assertEquals(0x8020_0000L, elf.entry());
        assertEquals(symbolFromNm("tohost"), elf.symbol("tohost").orElseThrow());
        assertEquals(symbolFromNm("fromhost"), elf.symbol("fromhost").orElseThrow());
        assertEquals(64, elf.symbol("fromhost").orElseThrow() - elf.symbol("tohost").orElseThrow());
        assertTrue(elf.symbol("no_such_symbol").isEmpty());

        GuestRam ram = new GuestRam(0x8000_0000L, 16 << 20);
        ram.segment().fill((byte) 0xaa);
        assertEquals(0x8020_0000L, ImageLoader.loadElf(elf, ram));
        long buf = symbolFromNm("buf");
        assertEquals(0x1122334455667788L, ram.loadLongAt(buf - ram.base()));
        long zeroes = symbolFromNm("zeroes");
        for (int i = 0; i < 256; i += 8) {
            assertEquals(0, ram.loadLongAt(zeroes - ram.base() + i), "bss must be zero-filled at +" + i);
        }
        // First instruction: auipc a0, 0x1 or similar; it must be the file's bytes, not 0xaa filler.
        assertNotEquals((byte) 0xaa, ram.loadByteAt(0x20_0000));
    }

    private static void assertRejected(byte[] data, String messagePart) {
        LoadException e = assertThrows(LoadException.class, () -> ElfImage.parse("x.elf", data));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    private static byte[] patched(int offset, byte... bytes) {
        byte[] copy = good.clone();
        System.arraycopy(bytes, 0, copy, offset, bytes.length);
        return copy;
    }

    @Test
    void malformedFilesAreRejectedWithOneLineErrors() {
        assertRejected(patched(0, (byte) 0x7f, (byte) 'X'), "bad magic");
        assertRejected(patched(4, (byte) 1), "64-bit");
        assertRejected(patched(5, (byte) 2), "little-endian");
        assertRejected(patched(18, (byte) 62, (byte) 0), "RISC-V"); // EM_X86_64
        assertRejected(patched(16, (byte) 1, (byte) 0), "e_type"); // ET_REL
        assertRejected(Arrays.copyOf(good, 40), "truncated ELF header");
        // e_phoff far past the end of the file
        byte[] badPhoff = good.clone();
        ByteBuffer.wrap(badPhoff).order(ByteOrder.LITTLE_ENDIAN).putLong(32, 1L << 40);
        assertRejected(badPhoff, "past the end");
        // e_shoff past the end
        byte[] badShoff = good.clone();
        ByteBuffer.wrap(badShoff).order(ByteOrder.LITTLE_ENDIAN).putLong(40, good.length + 10L);
        assertRejected(badShoff, "past the end");
    }

    @Test
    void truncatedFileFails() {
        ElfImage full = assertDoesNotThrow(() -> ElfImage.parse("good", good));
        long segEnd = full.segments().get(0).offset() + full.segments().get(0).fileSize();
        assertRejected(Arrays.copyOf(good, (int) segEnd - 16), "past the end");
    }

    @Test
    void segmentOutsideRamFails() throws Exception {
        Path low = Guest.assemble(tmp, "low", PROGRAM, 0x1000_0000L);
        ElfImage elf = ElfImage.read(low);
        GuestRam ram = new GuestRam(0x8000_0000L, 16 << 20);
        LoadException e = assertThrows(LoadException.class, () -> ImageLoader.loadElf(elf, ram));
        assertTrue(e.getMessage().contains("outside RAM"), e.getMessage());
    }

    @Test
    void rawImageMustFit() throws Exception {
        GuestRam ram = new GuestRam(0x8000_0000L, 1 << 20);
        assertEquals(0x8000_0004L, ImageLoader.loadRaw("r", new byte[] {1, 2, 3, 4}, ram, 0x8000_0000L));
        assertEquals(0x04030201, ram.loadIntAt(0));
        assertThrows(LoadException.class, () -> ImageLoader.loadRaw("r", new byte[16], ram, 0x8000_0000L + (1 << 20) - 8));
    }
}
