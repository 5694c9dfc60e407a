package org.opennexus.statefs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;

class LmdbBlockBackendTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path tmp;

    private static byte[] read(LmdbBlockBackend d, long offset, int len) throws IOException {
        byte[] out = new byte[len];
        MemorySegment seg = MemorySegment.ofArray(out);
        seg.fill((byte) 0x5a); // must be overwritten, zeros included
        d.read(offset, seg);
        return out;
    }

    private static void write(LmdbBlockBackend d, long offset, byte[] data) throws IOException {
        d.write(offset, MemorySegment.ofArray(data));
    }

    private static byte[] pattern(int len, int seed) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void neverWrittenBlocksReadAsZero() throws IOException {
        try (LmdbBlockBackend d = LmdbBlockBackend.create(tmp.resolve("d.lmdb"), 3 * MIB + 512, DiskOptions.defaults())) {
            assertEquals(3 * MIB + 512, d.sizeBytes());
            assertFalse(d.readOnly());
            assertArrayEquals(new byte[(int) (3 * MIB + 512)], read(d, 0, (int) (3 * MIB + 512)));
        }
        assertEquals(0, DiskTool.info(tmp.resolve("d.lmdb")).blocksUsed());
    }

    @Test
    void overwriteReplacesDataBeforeAndAfterFlush() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        try (LmdbBlockBackend d = LmdbBlockBackend.create(p, MIB, DiskOptions.defaults())) {
            write(d, 8192, pattern(4096, 1));
            d.flush();
            write(d, 8192, pattern(4096, 2));
            assertArrayEquals(pattern(4096, 2), read(d, 8192, 4096));
            d.flush();
            assertArrayEquals(pattern(4096, 2), read(d, 8192, 4096));
        }
        try (LmdbBlockBackend d = LmdbBlockBackend.open(p)) {
            assertArrayEquals(pattern(4096, 2), read(d, 8192, 4096));
            assertArrayEquals(new byte[4096], read(d, 4096, 4096));
        }
    }

    @Test
    void partialSectorWritesAtOddOffsetsMatchAByteArrayModel() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        byte[] model = new byte[(int) MIB];
        try (LmdbBlockBackend d = LmdbBlockBackend.create(p, MIB, DiskOptions.defaults())) {
            write(d, 0, pattern(4096, 3)); // block 0 stored, then patched sector by sector
            System.arraycopy(pattern(4096, 3), 0, model, 0, 4096);
            d.flush();
            long[][] writes = {{7 * 512, 512}, {4096 - 512, 1024}, {3 * 4096 + 1536, 4096 + 1024}, {512, 1536},
                               {9 * 4096 + 3584, 512}};
            int s = 10;
            for (long[] w : writes) {
                byte[] data = pattern((int) w[1], s++);
                write(d, w[0], data);
                System.arraycopy(data, 0, model, (int) w[0], data.length);
                assertArrayEquals(model, read(d, 0, model.length), "before flush");
            }
            d.flush();
            assertArrayEquals(model, read(d, 0, model.length), "after flush");
            // reads at odd sector offsets spanning blocks
            assertArrayEquals(java.util.Arrays.copyOfRange(model, 3584, 3584 + 1536), read(d, 3584, 1536));
        }
        try (LmdbBlockBackend d = LmdbBlockBackend.open(p)) {
            assertArrayEquals(model, read(d, 0, model.length), "after reopen");
        }
    }

    @Test
    void randomOperationsMatchModelAcrossReopens() throws IOException {
        long seed = 20261124L;
        Random r = new Random(seed);
        Path p = tmp.resolve("d.lmdb");
        int size = 256 * 1024;
        byte[] model = new byte[size];
        byte[] durable = new byte[size];
        LmdbBlockBackend d = LmdbBlockBackend.create(p, size, DiskOptions.defaults());
        try {
            for (int op = 0; op < 400; op++) {
                int kind = r.nextInt(10);
                int off = r.nextInt(size / 512) * 512;
                int len = Math.min(size - off, (1 + r.nextInt(20)) * 512);
                if (kind < 5) {
                    byte[] data = r.nextInt(4) == 0 ? new byte[len] : pattern(len, r.nextInt());
                    write(d, off, data);
                    System.arraycopy(data, 0, model, off, len);
                } else if (kind < 8) {
                    assertArrayEquals(java.util.Arrays.copyOfRange(model, off, off + len), read(d, off, len), "op " + op);
                } else if (kind == 8) {
                    d.flush();
                    durable = model.clone();
                } else {
                    d.discardAndClose(); // power loss: back to the last flush
                    model = durable.clone();
                    d = LmdbBlockBackend.open(p);
                    assertArrayEquals(model, read(d, 0, size), "after reopen, op " + op);
                }
            }
        } finally {
            d.close();
        }
    }

    @Test
    void unflushedWritesAreLostOnAbruptClose() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        LmdbBlockBackend d = LmdbBlockBackend.create(p, MIB, DiskOptions.defaults());
        write(d, 0, pattern(4096, 1));
        d.flush();
        write(d, 0, pattern(4096, 2));
        write(d, 65536, pattern(1024, 3));
        assertEquals(2 * 4096, d.dirtyBytes());
        d.discardAndClose();
        try (LmdbBlockBackend again = LmdbBlockBackend.open(p)) {
            assertArrayEquals(pattern(4096, 1), read(again, 0, 4096));
            assertArrayEquals(new byte[4096], read(again, 65536, 4096));
            assertEquals(1, again.metadata().generation());
        }
    }

    @Test
    void metadataAndGenerationBumpAtEveryCommit() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        long before = System.currentTimeMillis();
        java.util.UUID uuid;
        try (LmdbBlockBackend d = LmdbBlockBackend.create(p, 64 * MIB, DiskOptions.defaults())) {
            DiskMetadata m = d.metadata();
            uuid = m.uuid();
            assertEquals(64 * MIB, m.sizeBytes());
            assertEquals(4096, m.blockSize());
            assertEquals(1, m.formatVersion());
            assertEquals(0, m.generation());
            assertTrue(m.createdMillis() >= before && m.createdMillis() <= System.currentTimeMillis());
            write(d, 0, pattern(512, 1));
            d.flush();
            assertEquals(1, d.metadata().generation());
            d.flush(); // nothing dirty: no commit
            assertEquals(1, d.metadata().generation());
            write(d, 4096, pattern(512, 2));
            assertEquals(1, d.metadata().generation());
            assertTrue(d.id().length() <= 20 && d.id().startsWith("nx"));
        } // close is a flush boundary
        try (LmdbBlockBackend d = LmdbBlockBackend.open(p)) {
            DiskMetadata m = d.metadata();
            assertEquals(2, m.generation());
            assertEquals(uuid, m.uuid());
            assertTrue(m.lastCommitMillis() >= m.createdMillis());
            assertArrayEquals(pattern(512, 2), read(d, 4096, 512));
        }
    }

    @Test
    void zeroWritesDeleteStoredBlocks() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        try (LmdbBlockBackend d = LmdbBlockBackend.create(p, MIB, DiskOptions.defaults())) {
            write(d, 0, pattern(3 * 4096, 1));
            d.flush();
        }
        assertEquals(3, DiskTool.info(p).blocksUsed());
        try (LmdbBlockBackend d = LmdbBlockBackend.open(p)) {
            write(d, 4096, new byte[4096]);
            write(d, 2 * 4096, new byte[512]); // block 2 keeps non-zero sectors
        }
        assertEquals(2, DiskTool.info(p).blocksUsed());
    }

    @Test
    void blocksAreStoredUnderBigEndianKeysInNumericOrder() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        try (LmdbBlockBackend d = LmdbBlockBackend.create(p, 2 * MIB, DiskOptions.defaults())) {
            write(d, 256 * 4096, pattern(4096, 1));
            write(d, 4096, pattern(4096, 2));
            write(d, 2 * 4096 + 512, pattern(512, 3));
        }
        byte[] block2 = new byte[4096];
        System.arraycopy(pattern(512, 3), 0, block2, 512, 512);
        try (Env<ByteBuffer> env = Env.create().setMapSize(0).setMaxDbs(4).open(p.toFile())) {
            Dbi<ByteBuffer> blocks = env.openDbi("blocks");
            Txn<ByteBuffer> txn = env.txnRead();
            java.util.List<byte[]> keys = new java.util.ArrayList<>();
            java.util.List<byte[]> values = new java.util.ArrayList<>();
            for (var kv : blocks.iterate(txn)) {
                byte[] k = new byte[kv.key().remaining()];
                kv.key().get(k);
                byte[] v = new byte[kv.val().remaining()];
                kv.val().get(v);
                keys.add(k);
                values.add(v);
            }
            assertEquals(3, keys.size());
            assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 1}, keys.get(0));
            assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 2}, keys.get(1));
            assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 1, 0}, keys.get(2));
            assertArrayEquals(pattern(4096, 2), values.get(0));
            assertArrayEquals(block2, values.get(1));
            assertArrayEquals(pattern(4096, 1), values.get(2));
            txn.close();
        }
    }

    @Test
    void readOnlyOpenRejectsWritesAndLeavesTheDiskUntouched() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        try (LmdbBlockBackend d = LmdbBlockBackend.create(p, MIB, DiskOptions.defaults())) {
            write(d, 0, pattern(4096, 1));
        }
        byte[] dataBefore = Files.readAllBytes(p.resolve("data.mdb"));
        try (LmdbBlockBackend d = LmdbBlockBackend.open(p, DiskOptions.readOnlyDefaults())) {
            assertTrue(d.readOnly());
            IOException e = assertThrows(IOException.class, () -> write(d, 0, pattern(512, 9)));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
            d.flush();
            assertArrayEquals(pattern(4096, 1), read(d, 0, 4096));
        }
        assertArrayEquals(dataBefore, Files.readAllBytes(p.resolve("data.mdb")));
    }

    @Test
    void anotherFormatVersionIsRejected() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        LmdbBlockBackend.create(p, MIB, DiskOptions.defaults()).close();
        // Rewrite the record by hand: version field (offset 8) = 2.
        try (Env<ByteBuffer> env = Env.create().setMapSize(MIB * 64).setMaxDbs(4).open(p.toFile())) {
            Dbi<ByteBuffer> meta = env.openDbi("meta");
            ByteBuffer key = LmdbDisk.direct("disk".getBytes(StandardCharsets.US_ASCII));
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                ByteBuffer v = meta.get(txn, key);
                byte[] rec = new byte[v.remaining()];
                v.get(rec);
                ByteBuffer.wrap(rec).order(ByteOrder.BIG_ENDIAN).putInt(8, 2);
                meta.put(txn, key, LmdbDisk.direct(rec));
                txn.commit();
            }
        }
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> LmdbBlockBackend.open(p));
        assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
    }

    @Test
    void pathsThatAreNotDisksGiveClearErrors() throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> LmdbBlockBackend.open(tmp.resolve("nope.lmdb")));
        assertTrue(missing.getMessage().contains("nope.lmdb"));
        assertFalse(Files.exists(tmp.resolve("nope.lmdb")), "opening must not create");

        Path file = Files.writeString(tmp.resolve("raw.img"), "hello");
        assertTrue(assertThrows(DiskFormatException.class, () -> LmdbBlockBackend.open(file))
                .getMessage().contains("not an LMDB disk"));

        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertTrue(assertThrows(DiskFormatException.class, () -> LmdbBlockBackend.open(empty))
                .getMessage().contains("no data.mdb"));
        try (var s = Files.list(empty)) {
            assertEquals(0, s.count(), "opening must not create files");
        }

        Path garbage = Files.createDirectory(tmp.resolve("garbage"));
        Files.write(garbage.resolve("data.mdb"), pattern(16384, 7));
        assertTrue(assertThrows(DiskFormatException.class, () -> LmdbBlockBackend.open(garbage))
                .getMessage().contains("not an LMDB"));

        Path otherLmdb = Files.createDirectory(tmp.resolve("other"));
        try (Env<ByteBuffer> env = Env.create().setMapSize(MIB * 8).setMaxDbs(4).open(otherLmdb.toFile())) {
            env.openDbi("stuff", DbiFlags.MDB_CREATE);
        }
        assertTrue(assertThrows(DiskFormatException.class, () -> LmdbBlockBackend.open(otherLmdb))
                .getMessage().contains("not a nexus disk"));
    }

    @Test
    void aDiskAttachedOnceCannotBeAttachedAgain() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        try (LmdbBlockBackend d = LmdbBlockBackend.create(p, MIB, DiskOptions.defaults())) {
            DiskInUseException e = assertThrows(DiskInUseException.class, () -> LmdbBlockBackend.open(p));
            assertTrue(e.getMessage().contains("disk is in use by another nexus"), e.getMessage());
            assertThrows(DiskInUseException.class, () -> LmdbBlockBackend.open(p, DiskOptions.readOnlyDefaults()));
            write(d, 0, pattern(512, 1)); // the holder is unaffected
            d.flush();
        }
        try (LmdbBlockBackend d = LmdbBlockBackend.open(p)) {
            assertArrayEquals(pattern(512, 1), read(d, 0, 512));
        }
    }

    @Test
    void aFullStoreFailsTheFlushAndKeepsTheLastFlush() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        DiskOptions tiny = DiskOptions.defaults().withMapSizeBytes(MIB); // 256 LMDB pages, 2 per block
        try (LmdbBlockBackend d = LmdbBlockBackend.create(p, 64 * MIB, tiny)) {
            write(d, 0, pattern(8 * 4096, 1));
            d.flush();
            write(d, 0, pattern(4096, 2));
            write(d, 4096 * 10, pattern(400 * 4096, 3)); // 800 pages: cannot fit
            IOException e = assertThrows(IOException.class, d::flush);
            assertTrue(e.getMessage().contains("full"), e.getMessage());
            assertEquals(1, d.metadata().generation());
            assertArrayEquals(pattern(4096, 2), read(d, 0, 4096), "the cache is kept after a failed flush");
            assertThrows(IOException.class, d::flush, "still full on retry");
            d.discardAndClose();
        }
        try (LmdbBlockBackend d = LmdbBlockBackend.open(p)) {
            assertEquals(1, d.metadata().generation());
            assertArrayEquals(pattern(8 * 4096, 1), read(d, 0, 8 * 4096));
            assertArrayEquals(new byte[4096], read(d, 4096 * 10, 4096));
        }
        assertTrue(DiskTool.check(p).ok());
    }

    @Test
    void theWriteCacheIsBounded() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        try (LmdbBlockBackend d = LmdbBlockBackend.create(p, MIB, DiskOptions.defaults().withMaxDirtyBytes(4 * 4096))) {
            write(d, 0, pattern(4 * 4096, 1));
            write(d, 512, pattern(512, 2)); // already cached block: fine
            IOException e = assertThrows(IOException.class, () -> write(d, 4 * 4096, pattern(512, 3)));
            assertTrue(e.getMessage().contains("write cache full"), e.getMessage());
            d.flush();
            write(d, 4 * 4096, pattern(512, 3));
        }
    }

    @Test
    void badAccessesAndUseAfterCloseFailCleanly() throws IOException {
        LmdbBlockBackend d = LmdbBlockBackend.create(tmp.resolve("d.lmdb"), MIB, DiskOptions.defaults());
        assertThrows(IOException.class, () -> d.read(MIB - 512, MemorySegment.ofArray(new byte[1024])));
        assertThrows(IOException.class, () -> d.write(100, MemorySegment.ofArray(new byte[512])));
        d.close();
        assertThrows(IOException.class, () -> d.read(0, MemorySegment.ofArray(new byte[512])));
        d.close(); // idempotent
    }

    @Test
    void createRefusesExistingContentAndBadSizes() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        LmdbBlockBackend.create(p, MIB, DiskOptions.defaults()).close();
        assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> LmdbBlockBackend.create(p, MIB, DiskOptions.defaults()));
        assertThrows(IOException.class, () -> LmdbBlockBackend.create(tmp.resolve("x"), 1000, DiskOptions.defaults()));
        assertFalse(Files.exists(tmp.resolve("x")));
    }
}
