package org.opennexus.statefs;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The volatile write cache: block number to a 4 KiB block written since the last flush. An
 * open-addressing table with primitive keys (no boxing on the read/write path); block buffers are
 * recycled after a flush so a steady state allocates nothing.
 */
final class DirtyBlocks {
    private static final long EMPTY = -1;
    private static final int MIN_CAPACITY = 64;
    private static final int MAX_POOLED = 1024;

    private long[] keys;
    private byte[][] values;
    private int size;
    private final ArrayDeque<byte[]> pool = new ArrayDeque<>();

    DirtyBlocks() {
        allocate(MIN_CAPACITY);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new byte[capacity][];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long bytes() {
        return (long) size * DiskFormat.BLOCK_SIZE;
    }

    private static int hash(long block) {
        long h = block * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** The cached block, or null. */
    byte[] get(long block) {
        int mask = keys.length - 1;
        for (int i = hash(block) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == block) {
                return values[i];
            }
            if (k == EMPTY) {
                return null;
            }
        }
    }

    /** Inserts {@code block} (absent) with a fresh buffer whose contents the caller fills. */
    byte[] add(long block) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        byte[] buf = pool.poll();
        if (buf == null) {
            buf = new byte[DiskFormat.BLOCK_SIZE];
        }
        insert(block, buf);
        size++;
        return buf;
    }

    private void insert(long block, byte[] buf) {
        int mask = keys.length - 1;
        int i = hash(block) & mask;
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = block;
        values[i] = buf;
    }

    private void grow() {
        long[] oldKeys = keys;
        byte[][] oldValues = values;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** The cached block numbers in ascending order (LMDB inserts fastest in key order). */
    long[] sortedBlocks() {
        long[] out = new long[size];
        int n = 0;
        for (long k : keys) {
            if (k != EMPTY) {
                out[n++] = k;
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** Empties the cache (after a successful commit, or when a crash is simulated). */
    void clear() {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && pool.size() < MAX_POOLED) {
                pool.push(values[i]);
            }
        }
        size = 0;
        if (keys.length > MIN_CAPACITY * 16) {
            allocate(MIN_CAPACITY);
        } else {
            Arrays.fill(keys, EMPTY);
            Arrays.fill(values, null);
        }
    }
}
