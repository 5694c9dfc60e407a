package org.opennexus.machine.loader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed and validated ELF64 little-endian RISC-V executable (System V ABI gABI, "ELF Header",
 * "Program Header", "Symbol Table"). Every offset and size is checked against the file length while
 * parsing, so a truncated or malformed file fails here with a one-line {@link LoadException}.
 */
public final class ElfImage {
    static final int EM_RISCV = 243;
    static final int ELFCLASS64 = 2;
    static final int ELFDATA2LSB = 1;
    static final int ET_EXEC = 2;
    static final int ET_DYN = 3;
    static final int PT_LOAD = 1;
    static final int SHT_SYMTAB = 2;
    static final int EHDR_SIZE = 64;
    static final int PHDR_SIZE = 56;
    static final int SHDR_SIZE = 64;
    static final int SYM_SIZE = 24;

    /** One PT_LOAD segment: file bytes [offset, offset+fileSize) go to paddr, then zero-fill up to memSize. */
    public record Segment(long paddr, long offset, long fileSize, long memSize) { }

    private final String name;
    private final byte[] data;
    private final long entry;
    private final List<Segment> segments;
    private final Map<String, Long> symbols;

    private ElfImage(String name, byte[] data, long entry, List<Segment> segments, Map<String, Long> symbols) {
        this.name = name;
        this.data = data;
        this.entry = entry;
        this.segments = segments;
        this.symbols = symbols;
    }

    /** True when the file starts with the ELF magic (used to choose between ELF and raw loading). */
    public static boolean hasElfMagic(byte[] data) {
        return data.length >= 4 && data[0] == 0x7f && data[1] == 'E' && data[2] == 'L' && data[3] == 'F';
    }

    public static ElfImage read(Path file) throws LoadException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LoadException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), bytes);
    }

    public static ElfImage parse(String name, byte[] data) throws LoadException {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (!hasElfMagic(data)) {
            throw new LoadException(name + ": not an ELF file (bad magic)");
        }
        if (data.length < EHDR_SIZE) {
            throw new LoadException(name + ": truncated ELF header (" + data.length + " bytes)");
        }
        if (data[4] != ELFCLASS64) {
            throw new LoadException(name + ": not a 64-bit ELF (EI_CLASS=" + data[4] + ")");
        }
        if (data[5] != ELFDATA2LSB) {
            throw new LoadException(name + ": not a little-endian ELF (EI_DATA=" + data[5] + ")");
        }
        int type = Short.toUnsignedInt(b.getShort(16));
        int machine = Short.toUnsignedInt(b.getShort(18));
        if (machine != EM_RISCV) {
            throw new LoadException(name + ": not a RISC-V ELF (e_machine=" + machine + ")");
        }
        if (type != ET_EXEC && type != ET_DYN) {
            throw new LoadException(name + ": not an executable ELF (e_type=" + type + ")");
        }
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        long shoff = b.getLong(40);
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        int shentsize = Short.toUnsignedInt(b.getShort(58));
        int shnum = Short.toUnsignedInt(b.getShort(60));

        if (phnum == 0) {
            throw new LoadException(name + ": ELF has no program headers");
        }
        if (phentsize < PHDR_SIZE) {
            throw new LoadException(name + ": bad e_phentsize " + phentsize);
        }
        checkRange(name, data, phoff, (long) phnum * phentsize, "program header table");
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int p = (int) (phoff + (long) i * phentsize);
            if (b.getInt(p) != PT_LOAD) {
                continue;
            }
            long offset = b.getLong(p + 8);
            long paddr = b.getLong(p + 24);
            long filesz = b.getLong(p + 32);
            long memsz = b.getLong(p + 40);
            if (Long.compareUnsigned(filesz, memsz) > 0) {
                throw new LoadException(name + ": segment " + i + " has p_filesz > p_memsz");
            }
            checkRange(name, data, offset, filesz, "segment " + i);
            if (memsz != 0) {
                segments.add(new Segment(paddr, offset, filesz, memsz));
            }
        }
        if (segments.isEmpty()) {
            throw new LoadException(name + ": ELF has no PT_LOAD segments");
        }
        Map<String, Long> symbols = new HashMap<>();
        if (shnum != 0 && shoff != 0) {
            if (shentsize < SHDR_SIZE) {
                throw new LoadException(name + ": bad e_shentsize " + shentsize);
            }
            checkRange(name, data, shoff, (long) shnum * shentsize, "section header table");
            for (int i = 0; i < shnum; i++) {
                int s = (int) (shoff + (long) i * shentsize);
                if (b.getInt(s + 4) != SHT_SYMTAB) {
                    continue;
                }
                long symOff = b.getLong(s + 24);
                long symSize = b.getLong(s + 32);
                int link = b.getInt(s + 40);
                checkRange(name, data, symOff, symSize, "symbol table");
                if (link <= 0 || link >= shnum) {
                    throw new LoadException(name + ": symbol table links to bad section " + link);
                }
                int l = (int) (shoff + (long) link * shentsize);
                long strOff = b.getLong(l + 24);
                long strSize = b.getLong(l + 32);
                checkRange(name, data, strOff, strSize, "string table");
                for (long e = 0; e + SYM_SIZE <= symSize; e += SYM_SIZE) {
                    int sym = (int) (symOff + e);
                    long nameIdx = Integer.toUnsignedLong(b.getInt(sym));
                    if (nameIdx == 0) {
                        continue;
                    }
                    if (nameIdx >= strSize) {
                        throw new LoadException(name + ": symbol name offset past the string table");
                    }
                    String symName = cString(data, (int) (strOff + nameIdx), (int) (strOff + strSize));
                    symbols.putIfAbsent(symName, b.getLong(sym + 8));
                }
            }
        }
        return new ElfImage(name, data, entry, List.copyOf(segments), Map.copyOf(symbols));
    }

    private static void checkRange(String name, byte[] data, long offset, long length, String what)
            throws LoadException {
        if (offset < 0 || length < 0 || offset > data.length || length > data.length - offset) {
            throw new LoadException(String.format("%s: %s at offset 0x%x size 0x%x lies past the end of the file (%d bytes)",
                    name, what, offset, length, data.length));
        }
    }

    private static String cString(byte[] data, int from, int limit) {
        int end = from;
        while (end < limit && data[end] != 0) {
            end++;
        }
        return new String(data, from, end - from, StandardCharsets.ISO_8859_1);
    }

    public String name() { return name; }
    public long entry() { return entry; }
    public List<Segment> segments() { return segments; }
    byte[] bytes() { return data; }

    public Optional<Long> symbol(String symbolName) {
        return Optional.ofNullable(symbols.get(symbolName));
    }

    /** Lowest and one-past-highest physical address of the loadable segments. */
    public long lowAddress() {
        return segments.stream().mapToLong(Segment::paddr).min().orElseThrow();
    }

    public long highAddress() {
        return segments.stream().mapToLong(s -> s.paddr() + s.memSize()).max().orElseThrow();
    }
}
