package org.opennexus.statefs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The metadata record layout of docs/storage.md, byte by byte. */
class DiskMetadataTest {
    private final DiskMetadata m = new DiskMetadata(0x4000000L, 4096, 1_700_000_000_000L,
            new UUID(0x0123456789abcdefL, 0xfedcba9876543210L), 42, 1, 1_700_000_001_000L);

    @Test
    void layoutMatchesTheDocumentedFormat() {
        byte[] b = m.encode();
        assertEquals(68, b.length);
        assertArrayEquals("NXSTATFS".getBytes(java.nio.charset.StandardCharsets.US_ASCII), Arrays.copyOfRange(b, 0, 8));
        assertArrayEquals(new byte[] {0, 0, 0, 1}, Arrays.copyOfRange(b, 8, 12)); // format version
        assertArrayEquals(new byte[] {0, 0, 0x10, 0}, Arrays.copyOfRange(b, 12, 16)); // 4096
        assertArrayEquals(new byte[] {0, 0, 0, 0, 4, 0, 0, 0}, Arrays.copyOfRange(b, 16, 24)); // 64 MiB
        assertArrayEquals(new byte[] {0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab, (byte) 0xcd, (byte) 0xef},
                Arrays.copyOfRange(b, 32, 40)); // UUID, most significant half first
        assertEquals(42, b[55]); // generation, low byte
        CRC32C crc = new CRC32C();
        crc.update(b, 0, 64);
        assertEquals((int) crc.getValue(), ByteBuffer.wrap(b, 64, 4).getInt());
    }

    @Test
    void roundTripAndNextCommit() throws DiskFormatException {
        assertEquals(m, DiskMetadata.decode(ByteBuffer.wrap(m.encode())));
        DiskMetadata n = m.nextCommit(1_800_000_000_000L);
        assertEquals(43, n.generation());
        assertEquals(m.uuid(), n.uuid());
        assertEquals(m.createdMillis(), n.createdMillis());
        assertEquals(1_800_000_000_000L, n.lastCommitMillis());
    }

    @Test
    void damagedRecordsAreRejected() {
        byte[] b = m.encode();
        b[30] ^= 1;
        assertTrue(assertThrows(DiskFormatException.class, () -> DiskMetadata.decode(ByteBuffer.wrap(b)))
                .getMessage().contains("CRC"));
        byte[] shortRec = Arrays.copyOf(m.encode(), 40);
        assertThrows(DiskFormatException.class, () -> DiskMetadata.decode(ByteBuffer.wrap(shortRec)));
        byte[] magic = m.encode();
        magic[0] = 'X';
        assertTrue(assertThrows(DiskFormatException.class, () -> DiskMetadata.decode(ByteBuffer.wrap(magic)))
                .getMessage().contains("magic"));
    }
}
