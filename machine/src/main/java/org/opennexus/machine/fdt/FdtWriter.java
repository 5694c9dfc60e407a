package org.opennexus.machine.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serialises a node tree to the flattened devicetree format (Devicetree Specification v0.4,
 * chapter 5): header, memory reservation block, structure block, strings block.
 */
public final class FdtWriter {
    static final int FDT_MAGIC = 0xd00dfeed;
    static final int FDT_BEGIN_NODE = 1;
    static final int FDT_END_NODE = 2;
    static final int FDT_PROP = 3;
    static final int FDT_END = 9;
    static final int VERSION = 17;
    static final int LAST_COMP_VERSION = 16;
    static final int HEADER_SIZE = 40;

    /** A memory reservation entry (section 5.3). */
    public record Reservation(long address, long size) { }

    private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets = new HashMap<>();

    private FdtWriter() { }

    public static byte[] write(FdtNode root, List<Reservation> reservations, int bootCpuId) {
        FdtWriter w = new FdtWriter();
        w.node(root);
        w.u32(w.struct, FDT_END);
        byte[] structBytes = w.struct.toByteArray();
        byte[] stringBytes = w.strings.toByteArray();

        int offRsv = HEADER_SIZE; // already 8-aligned
        int rsvSize = (reservations.size() + 1) * 16;
        int offStruct = offRsv + rsvSize;
        int offStrings = offStruct + structBytes.length;
        int total = offStrings + stringBytes.length;

        ByteArrayOutputStream out = new ByteArrayOutputStream(total);
        int[] header = {FDT_MAGIC, total, offStruct, offStrings, offRsv, VERSION, LAST_COMP_VERSION,
            bootCpuId, stringBytes.length, structBytes.length};
        for (int h : header) {
            w.u32(out, h);
        }
        for (Reservation r : reservations) {
            w.u64(out, r.address());
            w.u64(out, r.size());
        }
        w.u64(out, 0);
        w.u64(out, 0);
        out.writeBytes(structBytes);
        out.writeBytes(stringBytes);
        return out.toByteArray();
    }

    private void node(FdtNode n) {
        u32(struct, FDT_BEGIN_NODE);
        struct.writeBytes(n.name().getBytes(StandardCharsets.UTF_8));
        struct.write(0);
        pad(struct);
        for (Map.Entry<String, byte[]> p : n.properties().entrySet()) {
            u32(struct, FDT_PROP);
            u32(struct, p.getValue().length);
            u32(struct, stringOffset(p.getKey()));
            struct.writeBytes(p.getValue());
            pad(struct);
        }
        for (FdtNode c : n.children()) {
            node(c);
        }
        u32(struct, FDT_END_NODE);
    }

    private int stringOffset(String s) {
        return stringOffsets.computeIfAbsent(s, k -> {
            int off = strings.size();
            strings.writeBytes(k.getBytes(StandardCharsets.UTF_8));
            strings.write(0);
            return off;
        });
    }

    private static void pad(ByteArrayOutputStream out) {
        while ((out.size() & 3) != 0) {
            out.write(0);
        }
    }

    private void u32(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private void u64(ByteArrayOutputStream out, long v) {
        u32(out, (int) (v >>> 32));
        u32(out, (int) v);
    }
}
