package org.opennexus.machine.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A device tree node under construction (Devicetree Specification v0.4, chapter 2). Property values
 * are stored already encoded as big-endian cells / NUL-terminated strings, as chapter 2.2.4 defines.
 */
public final class FdtNode {
    private final String name;
    private final Map<String, byte[]> properties = new LinkedHashMap<>();
    private final List<FdtNode> children = new ArrayList<>();

    public FdtNode(String name) {
        this.name = name;
    }

    public String name() { return name; }
    public Map<String, byte[]> properties() { return Collections.unmodifiableMap(properties); }
    public List<FdtNode> children() { return Collections.unmodifiableList(children); }

    public FdtNode child(String childName) {
        FdtNode c = new FdtNode(childName);
        children.add(c);
        return c;
    }

    public FdtNode find(String childName) {
        for (FdtNode c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    public FdtNode prop(String key, byte[] value) {
        properties.put(key, value.clone());
        return this;
    }

    /** An empty property such as {@code interrupt-controller;}. */
    public FdtNode empty(String key) {
        return prop(key, new byte[0]);
    }

    /** A {@code <u32 ...>} property. */
    public FdtNode cells(String key, int... cells) {
        byte[] v = new byte[cells.length * 4];
        for (int i = 0; i < cells.length; i++) {
            putBe32(v, i * 4, cells[i]);
        }
        return prop(key, v);
    }

    /** A property of 64-bit values, each as two cells (for #address-cells = #size-cells = 2). */
    public FdtNode cells64(String key, long... values) {
        byte[] v = new byte[values.length * 8];
        for (int i = 0; i < values.length; i++) {
            putBe32(v, i * 8, (int) (values[i] >>> 32));
            putBe32(v, i * 8 + 4, (int) values[i]);
        }
        return prop(key, v);
    }

    /** A string or string-list property: each string NUL-terminated. */
    public FdtNode strings(String key, String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : values) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return prop(key, out.toByteArray());
    }

    static void putBe32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
