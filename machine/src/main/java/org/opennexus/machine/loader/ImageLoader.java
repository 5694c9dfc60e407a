package org.opennexus.machine.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opennexus.memory.GuestRam;

/** Copies ELF segments and raw images into guest RAM, checking that each lands wholly inside it. */
public final class ImageLoader {
    private ImageLoader() { }

    /** Loads every PT_LOAD segment at its p_paddr and zero-fills p_memsz beyond p_filesz; returns the entry point. */
    public static long loadElf(ElfImage elf, GuestRam ram) throws LoadException {
        for (ElfImage.Segment s : elf.segments()) {
            if (!ram.contains(s.paddr(), s.memSize())) {
                throw new LoadException(String.format("%s: segment [0x%x, +0x%x) lies outside RAM [0x%x, +0x%x)",
                        elf.name(), s.paddr(), s.memSize(), ram.base(), ram.size()));
            }
        }
        for (ElfImage.Segment s : elf.segments()) {
            ram.copyIn(s.paddr(), elf.bytes(), (int) s.offset(), (int) s.fileSize());
            long zeroes = s.memSize() - s.fileSize();
            if (zeroes > 0) {
                ram.slice(s.paddr() + s.fileSize(), zeroes).fill((byte) 0);
                ram.dmaWritten(s.paddr() + s.fileSize(), zeroes);
            }
        }
        return elf.entry();
    }

    /** Reads a whole file, failing with a one-line message. */
    public static byte[] readFile(Path file, String what) throws LoadException {
        if (!Files.isRegularFile(file)) {
            throw new LoadException(what + " " + file + ": no such file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LoadException(what + " " + file + ": cannot read: " + e.getMessage());
        }
    }

    /** Copies a raw image to {@code address}; returns the address one past its end. */
    public static long loadRaw(String name, byte[] image, GuestRam ram, long address) throws LoadException {
        if (!ram.contains(address, image.length)) {
            throw new LoadException(String.format("%s: %d bytes at 0x%x do not fit in RAM [0x%x, +0x%x)",
                    name, image.length, address, ram.base(), ram.size()));
        }
        ram.copyIn(address, image, 0, image.length);
        return address + image.length;
    }
}
