#include <stdint.h>
#define UART 0x10000000UL
#define PLIC 0x0c000000UL
#define CLINT 0x02000000UL
#define VIRTIO 0x10008000UL
static inline uint8_t r8(uintptr_t a){return *(volatile uint8_t*)a;}
static inline void w8(uintptr_t a,uint8_t v){*(volatile uint8_t*)a=v;}
static inline uint16_t r16(uintptr_t a){return *(volatile uint16_t*)a;}
static inline uint32_t r32(uintptr_t a){return *(volatile uint32_t*)a;}
static inline void w32(uintptr_t a,uint32_t v){*(volatile uint32_t*)a=v;}
static inline uint64_t r64(uintptr_t a){return *(volatile uint64_t*)a;}
static inline void w64(uintptr_t a,uint64_t v){*(volatile uint64_t*)a=v;}
static void putc_(char c){while(!(r8(UART+5)&0x20));w8(UART,c);}
static void puts_(const char*s){while(*s)putc_(*s++);}
static void hex(uint64_t v){char b[17];for(int i=15;i>=0;i--){b[i]="0123456789abcdef"[v&15];v>>=4;}b[16]=0;puts_(b);}
static void p(const char*n,uint64_t v){puts_(n);putc_('=');hex(v);putc_('\n');}
void main(void){
  p("uart.iir",r8(UART+2)); p("uart.lsr",r8(UART+5)); p("uart.msr",r8(UART+6)); p("uart.mcr",r8(UART+4)); p("uart.lcr",r8(UART+3)); p("uart.ier",r8(UART+1));
  w8(UART+7,0x5a); p("uart.scr",r8(UART+7));
  p("uart.r32@4",r32(UART+4));
  w8(UART+1,0x02); p("uart.iir.thri",r8(UART+2)); p("uart.iir.after",r8(UART+2));
  w8(UART+1,0x00); w8(UART+1,0x02); w8(UART+1,0x00); p("uart.iir.off",r8(UART+2));
  w8(UART+2,0xc7); p("uart.iir.fifo",r8(UART+2)); w8(UART+1,0xff); p("uart.ier.ff",r8(UART+1)); w8(UART+1,0);
  w8(UART+4,0xff); p("uart.mcr.ff",r8(UART+4)); w8(UART+4,0x1f); p("uart.msr.loop",r8(UART+6)); w8(UART+4,0x08);
  w32(PLIC+4,0xff); p("plic.prio1.ff",r32(PLIC+4)); w32(PLIC+4,9); p("plic.prio1.9",r32(PLIC+4));
  w32(PLIC+0,5); p("plic.prio0",r32(PLIC+0));
  w32(PLIC+0x200000,0xff); p("plic.thr.ff",r32(PLIC+0x200000));
  w32(PLIC+0x2000,0xffffffff); p("plic.en0",r32(PLIC+0x2000)); w32(PLIC+0x2008,0xffffffff); p("plic.en2",r32(PLIC+0x2008)); w32(PLIC+0x2000,0);w32(PLIC+0x2008,0);
  w32(PLIC+0x1000,0xffffffff); p("plic.pend0",r32(PLIC+0x1000));
  p("plic.claim",r32(PLIC+0x200004));
  w32(CLINT,0xffffffff); p("clint.msip",r32(CLINT)); w32(CLINT,0);
  w64(CLINT+0x4000,0x1122334455667788ULL); p("clint.cmp",r64(CLINT+0x4000)); p("clint.cmp.lo",r32(CLINT+0x4000)); p("clint.cmp.hi",r32(CLINT+0x4004));
  w32(CLINT+0x4004,0xffffffff); p("clint.cmp2",r64(CLINT+0x4000));
  p("clint.cmp.h1",r64(CLINT+0x4008));
  p("v.magic",r32(VIRTIO)); p("v.ver",r32(VIRTIO+4)); p("v.id",r32(VIRTIO+8)); p("v.vendor",r32(VIRTIO+0xc));
  p("v.magic16",r16(VIRTIO)); 
  w32(VIRTIO+0x14,0); p("v.f0",r32(VIRTIO+0x10)); w32(VIRTIO+0x14,1); p("v.f1",r32(VIRTIO+0x10)); w32(VIRTIO+0x14,2); p("v.f2",r32(VIRTIO+0x10));
  p("v.nummax",r32(VIRTIO+0x34)); w32(VIRTIO+0x30,1); p("v.nummax1",r32(VIRTIO+0x34)); w32(VIRTIO+0x30,0);
  p("v.shmlen",r32(VIRTIO+0xb0)); p("v.gen",r32(VIRTIO+0xfc));
  p("v.cap",r32(VIRTIO+0x100)); p("v.segmax",r32(VIRTIO+0x10c)); p("v.blksize",r32(VIRTIO+0x114)); p("v.cap8",r8(VIRTIO+0x101));
  w32(VIRTIO+0x70,1); w32(VIRTIO+0x70,3); w32(VIRTIO+0x24,0); w32(VIRTIO+0x20,0); w32(VIRTIO+0x24,1); w32(VIRTIO+0x20,0); w32(VIRTIO+0x70,0xb);
  p("v.status.nov1",r32(VIRTIO+0x70));
  w32(VIRTIO+0x70,0); p("v.status.reset",r32(VIRTIO+0x70));
  w32(VIRTIO+0x70,1); w32(VIRTIO+0x70,3); w32(VIRTIO+0x24,1); w32(VIRTIO+0x20,1); w32(VIRTIO+0x70,0xb);
  p("v.status.v1",r32(VIRTIO+0x70));
  p("v.ready",r32(VIRTIO+0x44));
  w32(0x100000,0x5555);
  for(;;);
}
