package org.opennexus.statefs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;
import picocli.CommandLine;

class DiskToolTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) { }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new DiskCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    /** A seeded sparse image: random blocks, blocks with one non-zero sector, zero runs, a partial tail. */
    private static byte[] sparseImage(long seed, int size) {
        Random r = new Random(seed);
        byte[] img = new byte[size];
        for (int off = 0; off < size; off += 4096) {
            int len = Math.min(4096, size - off);
            int kind = r.nextInt(10);
            if (kind < 3) {
                byte[] b = new byte[len];
                r.nextBytes(b);
                System.arraycopy(b, 0, img, off, len);
            } else if (kind == 3) {
                int sector = r.nextInt(len / 512);
                img[off + sector * 512 + r.nextInt(512)] = (byte) (1 + r.nextInt(255));
            }
        }
        return img;
    }

    private static long nonZeroBlocks(byte[] img) {
        long n = 0;
        for (int off = 0; off < img.length; off += 4096) {
            for (int i = off; i < Math.min(img.length, off + 4096); i++) {
                if (img[i] != 0) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    @Test
    void createAndInfoThroughTheCommandLine() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        Run create = cli("create", "--size", "64M", p.toString());
        assertEquals(0, create.exit(), create.err());
        Run info = cli("info", p.toString());
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.out().contains("size:           67108864 bytes (64.0 MiB)"), info.out());
        assertTrue(info.out().contains("blocks used:    0 of 16384"), info.out());
        assertTrue(info.out().contains("generation:     0"), info.out());
        assertTrue(info.out().contains("format version: 1"), info.out());
        DiskTool.DiskInfo i = DiskTool.info(p);
        assertTrue(info.out().contains("uuid:           " + i.uuid()), info.out());
        assertEquals(67108864L, i.sizeBytes());
        assertEquals(16384, i.blocksTotal());
    }

    @Test
    void importThenExportIsByteIdenticalAndSparse() throws IOException {
        int size = 5 * 1024 * 1024 + 1536; // the last block is partial
        byte[] img = sparseImage(7, size);
        Path raw = Files.write(tmp.resolve("in.raw"), img);
        Path disk = tmp.resolve("d.lmdb");
        Run imp = cli("import", raw.toString(), disk.toString());
        assertEquals(0, imp.exit(), imp.err());
        DiskTool.DiskInfo info = DiskTool.info(disk);
        assertEquals(size, info.sizeBytes());
        assertEquals(nonZeroBlocks(img), info.blocksUsed(), "only non-zero blocks are stored");
        assertTrue(info.blocksUsed() < info.blocksTotal() / 2);

        Path out = tmp.resolve("out.raw");
        Files.write(out, new byte[size + 12345]); // export truncates an existing file
        Run exp = cli("export", disk.toString(), out.toString());
        assertEquals(0, exp.exit(), exp.err());
        assertArrayEquals(img, Files.readAllBytes(out));

        // and back: the exported image imports to the same content
        Path disk2 = tmp.resolve("d2.lmdb");
        DiskTool.importRaw(out, disk2);
        try (LmdbBlockBackend d = LmdbBlockBackend.open(disk2, DiskOptions.readOnlyDefaults())) {
            byte[] back = new byte[size];
            d.read(0, MemorySegment.ofArray(back));
            assertArrayEquals(img, back);
        }
        assertTrue(DiskTool.check(disk2).ok());
    }

    @Test
    void importRejectsImagesThatAreNotWholeSectors() throws IOException {
        Path raw = Files.write(tmp.resolve("odd.raw"), new byte[1000]);
        Run r = cli("import", raw.toString(), tmp.resolve("d.lmdb").toString());
        assertEquals(DiskCommand.EXIT_ERROR, r.exit());
        assertTrue(r.err().contains("multiple of 512"), r.err());
        assertFalse(Files.exists(tmp.resolve("d.lmdb")));
    }

    @Test
    void toolsOnAMissingDiskFailWithAClearMessage() {
        Run r = cli("info", tmp.resolve("missing.lmdb").toString());
        assertEquals(DiskCommand.EXIT_ERROR, r.exit());
        assertTrue(r.err().contains("missing.lmdb"), r.err());
        Run usage = cli("create", tmp.resolve("x").toString()); // --size missing
        assertEquals(2, usage.exit());
        Run bad = cli("create", "--size", "1000", tmp.resolve("x").toString());
        assertEquals(DiskCommand.EXIT_ERROR, bad.exit());
        assertTrue(bad.err().contains("multiple of 512"), bad.err());
    }

    @Test
    void snapshotOfADiskAttachedInThisProcessHoldsTheLastFlush() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        byte[] a = sparseImage(1, 64 * 1024);
        byte[] b = sparseImage(2, 64 * 1024);
        try (LmdbBlockBackend d = LmdbBlockBackend.create(p, 1 << 20, DiskOptions.defaults())) {
            d.write(0, MemorySegment.ofArray(a));
            d.flush();
            d.write(0, MemorySegment.ofArray(b)); // not flushed: not in the snapshot
            Path snap = tmp.resolve("snap.lmdb");
            DiskTool.DiskInfo si = DiskTool.snapshot(p, snap);
            assertEquals(1, si.generation());
            assertEquals(d.metadata().uuid(), si.uuid());
            try (LmdbBlockBackend s = LmdbBlockBackend.open(snap)) {
                byte[] got = new byte[a.length];
                s.read(0, MemorySegment.ofArray(got));
                assertArrayEquals(a, got);
            }
            d.flush(); // the attached disk keeps working
            assertEquals(2, d.metadata().generation());
            assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> DiskTool.snapshot(p, snap));
        }
        assertEquals(2, DiskTool.info(p).generation());
    }

    private static void mutate(Path disk, Consumer<Env<ByteBuffer>> change) {
        try (Env<ByteBuffer> env = Env.create().setMapSize(0).setMaxDbs(4).open(disk.toFile())) {
            change.accept(env);
        }
    }

    @Test
    void checkDetectsACorruptMetadataRecord() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        DiskTool.create(p, 1 << 20);
        assertEquals(0, cli("check", p.toString()).exit());
        mutate(p, env -> {
            Dbi<ByteBuffer> meta = env.openDbi("meta");
            ByteBuffer key = LmdbDisk.direct("disk".getBytes(StandardCharsets.US_ASCII));
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                ByteBuffer v = meta.get(txn, key);
                byte[] rec = new byte[v.remaining()];
                v.get(rec);
                rec[20] ^= 0x40; // a bit of the size field; the CRC no longer matches
                meta.put(txn, key, LmdbDisk.direct(rec));
                txn.commit();
            }
        });
        Run r = cli("check", p.toString());
        assertEquals(DiskCommand.EXIT_CORRUPT, r.exit(), r.out());
        assertTrue(r.out().contains("CRC mismatch"), r.out());
        assertTrue(assertThrows(DiskFormatException.class, () -> LmdbBlockBackend.open(p)).getMessage().contains("CRC"));
    }

    @Test
    void checkDetectsBadBlockRecords() throws IOException {
        Path p = tmp.resolve("d.lmdb");
        try (LmdbBlockBackend d = LmdbBlockBackend.create(p, 1 << 20, DiskOptions.defaults())) {
            d.write(0, MemorySegment.ofArray(sparseImage(3, 16384)));
        }
        assertTrue(DiskTool.check(p).ok());
        mutate(p, env -> {
            Dbi<ByteBuffer> blocks = env.openDbi("blocks");
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                ByteBuffer key = ByteBuffer.allocateDirect(8);
                blocks.put(txn, key.putLong(0, 9), LmdbDisk.direct(new byte[100]));
                blocks.put(txn, ByteBuffer.allocateDirect(8).putLong(0, 256), LmdbDisk.direct(new byte[4096]));
                blocks.put(txn, LmdbDisk.direct(new byte[] {1, 2, 3}), LmdbDisk.direct(new byte[4096]));
                txn.commit();
            }
        });
        DiskTool.CheckReport r = DiskTool.check(p);
        assertFalse(r.ok());
        String text = r.format();
        assertTrue(text.contains("block 9 holds 100 bytes"), text);
        assertTrue(text.contains("block 256 lies beyond the disk (256 blocks)"), text);
        assertTrue(text.contains("block key of 3 bytes"), text);
        assertTrue(text.contains("all zero"), text);
        assertEquals(DiskCommand.EXIT_CORRUPT, cli("check", p.toString()).exit());
    }

    @Test
    void sizesParseWithBinaryUnits() {
        assertEquals(64L * 1024 * 1024, DiskTool.parseSize("64M"));
        assertEquals(1L << 30, DiskTool.parseSize("1G"));
        assertEquals(1L << 30, DiskTool.parseSize("1GiB"));
        assertEquals(512 * 1024, DiskTool.parseSize("512k"));
        assertEquals(4096, DiskTool.parseSize("4096"));
        assertEquals(2L << 40, DiskTool.parseSize("2T"));
        assertThrows(IllegalArgumentException.class, () -> DiskTool.parseSize("1000"));
        assertThrows(IllegalArgumentException.class, () -> DiskTool.parseSize("lots"));
        assertThrows(IllegalArgumentException.class, () -> DiskTool.parseSize("0"));
        assertThrows(IllegalArgumentException.class, () -> DiskTool.parseSize("-8M"));
    }
}
