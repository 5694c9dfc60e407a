#include "virtio_blk.h"
#include "io.h"

/* virtio-mmio v2 register offsets (virtio 1.2 section 4.2.2). */
#define MMIO_MAGIC 0x000
#define MMIO_VERSION 0x004
#define MMIO_DEVICE_ID 0x008
#define MMIO_DEVICE_FEATURES 0x010
#define MMIO_DEVICE_FEATURES_SEL 0x014
#define MMIO_DRIVER_FEATURES 0x020
#define MMIO_DRIVER_FEATURES_SEL 0x024
#define MMIO_QUEUE_SEL 0x030
#define MMIO_QUEUE_NUM_MAX 0x034
#define MMIO_QUEUE_NUM 0x038
#define MMIO_QUEUE_READY 0x044
#define MMIO_QUEUE_NOTIFY 0x050
#define MMIO_INTERRUPT_STATUS 0x060
#define MMIO_INTERRUPT_ACK 0x064
#define MMIO_STATUS 0x070
#define MMIO_QUEUE_DESC_LOW 0x080
#define MMIO_QUEUE_DESC_HIGH 0x084
#define MMIO_QUEUE_DRIVER_LOW 0x090
#define MMIO_QUEUE_DRIVER_HIGH 0x094
#define MMIO_QUEUE_DEVICE_LOW 0x0a0
#define MMIO_QUEUE_DEVICE_HIGH 0x0a4
#define MMIO_CONFIG 0x100

#define VIRTIO_MAGIC 0x74726976u /* "virt" */
#define VIRTIO_ID_BLOCK 2

/* Device status bits (virtio 1.2 section 2.1). */
#define STATUS_ACKNOWLEDGE 1
#define STATUS_DRIVER 2
#define STATUS_DRIVER_OK 4
#define STATUS_FEATURES_OK 8
#define STATUS_NEEDS_RESET 64
#define STATUS_FAILED 128

#define VIRTQ_DESC_F_NEXT 1
#define VIRTQ_DESC_F_WRITE 2

#define QUEUE_SIZE 8
#define SLOT0 0x10001000UL
#define SLOT_STRIDE 0x1000UL
#define SLOTS 8
#define POLL_LIMIT_TICKS (30ULL * 10000000ULL) /* 30 s of mtime */

struct virtq_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
};

struct virtq_avail {
    uint16_t flags;
    uint16_t idx;
    uint16_t ring[QUEUE_SIZE];
    uint16_t used_event;
};

struct virtq_used_elem {
    uint32_t id;
    uint32_t len;
};

struct virtq_used {
    uint16_t flags;
    uint16_t idx;
    struct virtq_used_elem ring[QUEUE_SIZE];
    uint16_t avail_event;
};

struct virtio_blk_req_hdr {
    uint32_t type;
    uint32_t reserved;
    uint64_t sector;
};

static struct virtq_desc desc[QUEUE_SIZE] __attribute__((aligned(16)));
static struct virtq_avail avail __attribute__((aligned(2)));
static struct virtq_used used __attribute__((aligned(4)));
static struct virtio_blk_req_hdr hdr;
static volatile uint8_t status_byte;
static uint64_t base;
static uint64_t features;
static uint16_t last_used;

static uint32_t rd(uint64_t off) { return *(volatile uint32_t *)(base + off); }
static void wr(uint64_t off, uint32_t v) { *(volatile uint32_t *)(base + off) = v; }
static void fence(void) { __asm__ volatile("fence rw, rw" ::: "memory"); }

uint64_t vblk_base(void) { return base; }
uint64_t vblk_features(void) { return features; }

uint64_t vblk_capacity(void) {
    /* 64-bit config field read as two 32-bit halves; ConfigGeneration is constant for virtio-blk here. */
    uint64_t lo = rd(MMIO_CONFIG), hi = rd(MMIO_CONFIG + 4);
    return lo | (hi << 32);
}

static void fail_status(const char *what) {
    wr(MMIO_STATUS, rd(MMIO_STATUS) | STATUS_FAILED);
    io_fail(what, base, 90);
}

void vblk_init(void) {
    for (int i = 0; i < SLOTS && base == 0; i++) {
        uint64_t b = SLOT0 + SLOT_STRIDE * (uint64_t)i;
        volatile uint32_t *r = (volatile uint32_t *)b;
        if (r[MMIO_MAGIC / 4] == VIRTIO_MAGIC && r[MMIO_VERSION / 4] == 2 && r[MMIO_DEVICE_ID / 4] == VIRTIO_ID_BLOCK) {
            base = b;
        }
    }
    if (base == 0) io_fail("no virtio-blk device (version 2) in the virtio-mmio slots", 0, 91);

    /* Initialization sequence, virtio 1.2 section 3.1.1. */
    wr(MMIO_STATUS, 0);
    wr(MMIO_STATUS, STATUS_ACKNOWLEDGE);
    wr(MMIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
    wr(MMIO_DEVICE_FEATURES_SEL, 0);
    uint64_t offered = rd(MMIO_DEVICE_FEATURES);
    wr(MMIO_DEVICE_FEATURES_SEL, 1);
    offered |= (uint64_t)rd(MMIO_DEVICE_FEATURES) << 32;
    if (!(offered & (1ULL << VIRTIO_F_VERSION_1))) fail_status("device does not offer VIRTIO_F_VERSION_1");
    uint64_t wanted = (1ULL << VIRTIO_F_VERSION_1) | (1ULL << VIRTIO_BLK_F_FLUSH) | (1ULL << VIRTIO_BLK_F_BLK_SIZE)
                      | (1ULL << VIRTIO_BLK_F_SEG_MAX) | (1ULL << VIRTIO_BLK_F_RO);
    features = offered & wanted;
    wr(MMIO_DRIVER_FEATURES_SEL, 0);
    wr(MMIO_DRIVER_FEATURES, (uint32_t)features);
    wr(MMIO_DRIVER_FEATURES_SEL, 1);
    wr(MMIO_DRIVER_FEATURES, (uint32_t)(features >> 32));
    wr(MMIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK);
    if (!(rd(MMIO_STATUS) & STATUS_FEATURES_OK)) fail_status("device refused FEATURES_OK");

    /* Virtqueue 0 (section 4.2.3.2). */
    wr(MMIO_QUEUE_SEL, 0);
    if (rd(MMIO_QUEUE_READY) != 0) fail_status("queue 0 already ready");
    uint32_t max = rd(MMIO_QUEUE_NUM_MAX);
    if (max < QUEUE_SIZE) fail_status("QueueNumMax too small");
    wr(MMIO_QUEUE_NUM, QUEUE_SIZE);
    wr(MMIO_QUEUE_DESC_LOW, (uint32_t)(uintptr_t)desc);
    wr(MMIO_QUEUE_DESC_HIGH, (uint32_t)((uint64_t)(uintptr_t)desc >> 32));
    wr(MMIO_QUEUE_DRIVER_LOW, (uint32_t)(uintptr_t)&avail);
    wr(MMIO_QUEUE_DRIVER_HIGH, (uint32_t)((uint64_t)(uintptr_t)&avail >> 32));
    wr(MMIO_QUEUE_DEVICE_LOW, (uint32_t)(uintptr_t)&used);
    wr(MMIO_QUEUE_DEVICE_HIGH, (uint32_t)((uint64_t)(uintptr_t)&used >> 32));
    wr(MMIO_QUEUE_READY, 1);
    wr(MMIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK | STATUS_DRIVER_OK);
    if (rd(MMIO_STATUS) & (STATUS_NEEDS_RESET | STATUS_FAILED)) fail_status("device needs reset after DRIVER_OK");
}

/* Puts the chain starting at descriptor 0 on the available ring, notifies, and polls the used ring. */
static int submit(void) {
    status_byte = 0xff;
    avail.ring[avail.idx % QUEUE_SIZE] = 0;
    fence(); /* descriptors and ring entry before idx (section 2.7.13) */
    avail.idx = (uint16_t)(avail.idx + 1);
    fence(); /* idx before the notification */
    wr(MMIO_QUEUE_NOTIFY, 0);
    uint64_t start = console_time();
    while (*(volatile uint16_t *)&used.idx == last_used) {
        if (rd(MMIO_STATUS) & STATUS_NEEDS_RESET) fail_status("DEVICE_NEEDS_RESET");
        if (console_time() - start > POLL_LIMIT_TICKS) fail_status("request timed out");
    }
    fence(); /* used idx before the used element and the data it covers */
    last_used++;
    uint32_t isr = rd(MMIO_INTERRUPT_STATUS);
    if (isr) wr(MMIO_INTERRUPT_ACK, isr);
    return status_byte;
}

static int request(uint32_t type, uint64_t sector, void *buf, uint32_t len, int device_writes) {
    hdr.type = type;
    hdr.reserved = 0;
    hdr.sector = sector;
    desc[0].addr = (uint64_t)(uintptr_t)&hdr;
    desc[0].len = sizeof hdr;
    desc[0].flags = VIRTQ_DESC_F_NEXT;
    uint16_t s = 1;
    if (len) {
        desc[1].addr = (uint64_t)(uintptr_t)buf;
        desc[1].len = len;
        desc[1].flags = VIRTQ_DESC_F_NEXT | (device_writes ? VIRTQ_DESC_F_WRITE : 0);
        desc[1].next = 2;
        desc[0].next = 1;
        s = 2;
    } else {
        desc[0].next = 2;
        s = 2;
    }
    desc[s].addr = (uint64_t)(uintptr_t)&status_byte;
    desc[s].len = 1;
    desc[s].flags = VIRTQ_DESC_F_WRITE;
    desc[s].next = 0;
    return submit();
}

int vblk_rw(uint32_t type, uint64_t sector, void *buf, uint32_t len) {
    return request(type, sector, buf, len, type == VIRTIO_BLK_T_IN);
}

int vblk_flush(void) { return request(VIRTIO_BLK_T_FLUSH, 0, 0, 0, 0); }

int vblk_get_id(char id[20]) { return request(VIRTIO_BLK_T_GET_ID, 0, id, 20, 1); }
