/* Polling virtio-blk driver over virtio-mmio version 2 (virtio 1.2 sections 4.2, 2.7 split rings, 5.2 block). */
#ifndef VIRTIO_BLK_H
#define VIRTIO_BLK_H
#include <stdint.h>

#define VIRTIO_BLK_T_IN 0
#define VIRTIO_BLK_T_OUT 1
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_T_GET_ID 8

#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2

#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_RO 5
#define VIRTIO_BLK_F_BLK_SIZE 6
#define VIRTIO_BLK_F_FLUSH 9
#define VIRTIO_F_VERSION_1 32

/* Finds the first virtio-blk device among the eight virt slots and brings it to DRIVER_OK with one
 * split virtqueue; on any failure prints why and powers off with a failure code. */
void vblk_init(void);
/* MMIO base of the device in use. */
uint64_t vblk_base(void);
/* Negotiated feature bits (device and transport). */
uint64_t vblk_features(void);
/* Capacity in 512-byte sectors (configuration field "capacity"). */
uint64_t vblk_capacity(void);
/* One request: IN reads len bytes at sector into buf, OUT writes them. Returns the status byte. */
int vblk_rw(uint32_t type, uint64_t sector, void *buf, uint32_t len);
/* VIRTIO_BLK_T_FLUSH; returns the status byte. */
int vblk_flush(void);
/* VIRTIO_BLK_T_GET_ID into id[20] (zero-padded, not necessarily terminated); returns the status byte. */
int vblk_get_id(char id[20]);
#endif
