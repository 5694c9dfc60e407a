package org.opennexus.devices.virtio;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.opennexus.devices.block.BlockBackend;
import org.opennexus.memory.GuestRam;

/**
 * virtio-blk (virtio 1.2, section 5.2) over a {@link BlockBackend}: one request queue; requests IN,
 * OUT, FLUSH and GET_ID; features SEG_MAX, BLK_SIZE, FLUSH and RO for a read-only backend.
 *
 * <p>QueueNumMax and seg_max are QEMU 7.2's (1024 and 254, measured on qemu-system-riscv64).
 *
 * <p>A request is a 16-byte header (type, reserved, sector) in the readable part, data, and a status
 * byte as the last writable byte; any split of these over descriptors is accepted (VIRTIO_F_VERSION_1
 * implies ANY_LAYOUT). A malformed request (short header, a buffer outside RAM, a length that is not a
 * whole number of sectors, a range beyond the capacity, OUT on a read-only disk, a backend I/O error)
 * completes with VIRTIO_BLK_S_IOERR; an unknown type with VIRTIO_BLK_S_UNSUPP. A chain with no writable
 * status byte in RAM cannot be answered and is a device error (DEVICE_NEEDS_RESET), as in QEMU.
 * The used length is every writable byte of the chain, as QEMU reports it.
 */
public final class VirtioBlk implements VirtioDevice {
    public static final int DEVICE_ID = 2;
    public static final long VIRTIO_BLK_F_SIZE_MAX = 1L << 1;
    public static final long VIRTIO_BLK_F_SEG_MAX = 1L << 2;
    public static final long VIRTIO_BLK_F_RO = 1L << 5;
    public static final long VIRTIO_BLK_F_BLK_SIZE = 1L << 6;
    public static final long VIRTIO_BLK_F_FLUSH = 1L << 9;

    public static final int VIRTIO_BLK_T_IN = 0, VIRTIO_BLK_T_OUT = 1, VIRTIO_BLK_T_FLUSH = 4,
            VIRTIO_BLK_T_GET_ID = 8;
    public static final int VIRTIO_BLK_S_OK = 0, VIRTIO_BLK_S_IOERR = 1, VIRTIO_BLK_S_UNSUPP = 2;
    public static final int VIRTIO_BLK_ID_BYTES = 20;
    /** QueueNumMax: QEMU 7.2 reports VIRTQUEUE_MAX_SIZE (1024) for every queue. */
    public static final int QUEUE_SIZE = 1024;
    /** QEMU 7.2: its default queue-size (256) minus header and status. */
    public static final int SEG_MAX = 254;
    static final int HEADER_SIZE = 16;
    private static final int SECTOR = BlockBackend.SECTOR_SIZE;

    private final BlockBackend backend;
    private final byte[] config;
    private final byte[] header = new byte[HEADER_SIZE];
    private final byte[] statusByte = new byte[1];
    private final byte[] idBytes = new byte[VIRTIO_BLK_ID_BYTES];
    // data pieces of the current request: (guest address, length)
    private final long[] pieceAddr = new long[QUEUE_SIZE + 1];
    private final long[] pieceLen = new long[QUEUE_SIZE + 1];
    private int pieces;

    public VirtioBlk(BlockBackend backend) {
        this.backend = backend;
        long capacity = backend.sizeBytes() / SECTOR;
        // struct virtio_blk_config (section 5.2.4), up to and including num_queues
        config = new byte[36];
        putLe(config, 0, 8, capacity);
        putLe(config, 8, 4, 0);          // size_max: VIRTIO_BLK_F_SIZE_MAX not offered
        putLe(config, 12, 4, SEG_MAX);
        putLe(config, 20, 4, SECTOR);    // blk_size
        putLe(config, 34, 2, 1);         // num_queues
        byte[] id = backend.id().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(id, 0, idBytes, 0, Math.min(id.length, VIRTIO_BLK_ID_BYTES));
    }

    private static void putLe(byte[] b, int off, int size, long v) {
        for (int i = 0; i < size; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    public long capacitySectors() {
        return backend.sizeBytes() / SECTOR;
    }

    @Override public int deviceId() { return DEVICE_ID; }

    @Override
    public long features() {
        long f = VIRTIO_BLK_F_SEG_MAX | VIRTIO_BLK_F_BLK_SIZE | VIRTIO_BLK_F_FLUSH;
        return backend.readOnly() ? f | VIRTIO_BLK_F_RO : f;
    }

    @Override public int queueCount() { return 1; }

    @Override public int queueMaxSize() { return QUEUE_SIZE; }

    @Override
    public long readConfig(int offset, int size) {
        return VirtioDevice.readLe(config, offset, size);
    }

    @Override
    public void writeConfig(int offset, int size, long value) {
        // writeback is only writable with VIRTIO_BLK_F_CONFIG_WCE, which is not offered
    }

    @Override
    public void reset() { }

    @Override
    public void processQueue(int queue, VirtQueue q) {
        DescriptorChain c;
        while ((c = q.pop()) != null) {
            long writable = c.writableBytes();
            if (writable == 0 || !c.writableRangeInRam(writable - 1, 1)) {
                q.fail("virtio-blk request without a status byte");
                return;
            }
            statusByte[0] = (byte) handle(c, writable - 1);
            c.writeBytes(writable - 1, statusByte, 1);
            q.push(c, (int) Math.min(writable, Integer.MAX_VALUE));
        }
    }

    /** Executes one request and returns its status; {@code dataOut} is the writable size before the status byte. */
    private int handle(DescriptorChain c, long dataOut) {
        if (!c.readBytes(0, header, HEADER_SIZE)) {
            return VIRTIO_BLK_S_IOERR;
        }
        int type = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16 | (header[3] & 0xff) << 24;
        long sector = 0;
        for (int i = 0; i < 8; i++) {
            sector |= (header[8 + i] & 0xffL) << (8 * i);
        }
        try {
            return switch (type) {
                case VIRTIO_BLK_T_IN -> {
                    if (!collectWritable(c, dataOut)) yield VIRTIO_BLK_S_IOERR;
                    yield transfer(c.ram(), sector, false);
                }
                case VIRTIO_BLK_T_OUT -> {
                    if (backend.readOnly() || !collectReadable(c)) yield VIRTIO_BLK_S_IOERR;
                    yield transfer(c.ram(), sector, true);
                }
                case VIRTIO_BLK_T_FLUSH -> {
                    backend.flush();
                    yield VIRTIO_BLK_S_OK;
                }
                case VIRTIO_BLK_T_GET_ID -> {
                    int n = (int) Math.min(dataOut, VIRTIO_BLK_ID_BYTES);
                    yield c.writeBytes(0, idBytes, n) ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR;
                }
                default -> VIRTIO_BLK_S_UNSUPP;
            };
        } catch (IOException | RuntimeException e) {
            return VIRTIO_BLK_S_IOERR;
        }
    }

    /** Data pieces = readable bytes after the header; false if any lies outside RAM. */
    private boolean collectReadable(DescriptorChain c) {
        pieces = 0;
        long skip = HEADER_SIZE;
        for (int i = 0; i < c.firstWritable(); i++) {
            long l = Integer.toUnsignedLong(c.length(i));
            if (skip >= l) {
                skip -= l;
                continue;
            }
            if (!c.inRam(i)) {
                return false;
            }
            pieceAddr[pieces] = c.addr(i) + skip;
            pieceLen[pieces++] = l - skip;
            skip = 0;
        }
        return true;
    }

    /** Data pieces = the first {@code limit} writable bytes; false if any lies outside RAM. */
    private boolean collectWritable(DescriptorChain c, long limit) {
        pieces = 0;
        long left = limit;
        for (int i = c.firstWritable(); i < c.count() && left > 0; i++) {
            long l = Math.min(Integer.toUnsignedLong(c.length(i)), left);
            if (l == 0) {
                continue;
            }
            if (!c.inRam(i)) {
                return false;
            }
            pieceAddr[pieces] = c.addr(i);
            pieceLen[pieces++] = l;
            left -= l;
        }
        return true;
    }

    private int transfer(GuestRam ram, long sector, boolean write) throws IOException {
        long total = 0;
        boolean aligned = true;
        for (int i = 0; i < pieces; i++) {
            total += pieceLen[i];
            aligned &= pieceLen[i] % SECTOR == 0;
        }
        long capacity = capacitySectors();
        if (total % SECTOR != 0 || sector < 0 || sector > capacity || total / SECTOR > capacity - sector) {
            return VIRTIO_BLK_S_IOERR;
        }
        long offset = sector * SECTOR;
        if (aligned) {
            for (int i = 0; i < pieces; i++) {
                MemorySegment seg = ram.slice(pieceAddr[i], pieceLen[i]);
                if (write) {
                    backend.write(offset, seg);
                } else {
                    backend.read(offset, seg);
                    ram.dmaWritten(pieceAddr[i], pieceLen[i]);
                }
                offset += pieceLen[i];
            }
            return VIRTIO_BLK_S_OK;
        }
        // pieces that split sectors: go through a bounce buffer (rare; Linux uses whole sectors)
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bounce = arena.allocate(total, 8);
            long pos = 0;
            if (write) {
                for (int i = 0; i < pieces; i++) {
                    MemorySegment.copy(ram.slice(pieceAddr[i], pieceLen[i]), 0, bounce, pos, pieceLen[i]);
                    pos += pieceLen[i];
                }
                backend.write(offset, bounce);
            } else {
                backend.read(offset, bounce);
                for (int i = 0; i < pieces; i++) {
                    MemorySegment.copy(bounce, pos, ram.slice(pieceAddr[i], pieceLen[i]), 0, pieceLen[i]);
                    ram.dmaWritten(pieceAddr[i], pieceLen[i]);
                    pos += pieceLen[i];
                }
            }
        }
        return VIRTIO_BLK_S_OK;
    }
}
