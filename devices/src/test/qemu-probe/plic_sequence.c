#include <stdint.h>
#define UART 0x10000000UL
#define PLIC 0x0c000000UL
static inline uint8_t r8(uintptr_t a){return *(volatile uint8_t*)a;}
static inline void w8(uintptr_t a,uint8_t v){*(volatile uint8_t*)a=v;}
static inline uint32_t r32(uintptr_t a){return *(volatile uint32_t*)a;}
static inline void w32(uintptr_t a,uint32_t v){*(volatile uint32_t*)a=v;}
static void putc_(char c){while(!(r8(UART+5)&0x20));w8(UART,c);}
static void puts_(const char*s){while(*s)putc_(*s++);}
static void hex(uint64_t v){char b[17];for(int i=15;i>=0;i--){b[i]="0123456789abcdef"[v&15];v>>=4;}b[16]=0;puts_(b);}
static void p(const char*n,uint64_t v){puts_(n);putc_('=');hex(v);putc_('\n');}
void main(void){
  uint32_t v[16]; int n=0;
  w32(PLIC+4*10,1); w32(PLIC+0x2000,1u<<10); w32(PLIC+0x200000,0);
  v[n++]=r32(PLIC+0x1000);            /* 0: initial pending */
  w8(UART+1,0x02);                    /* THRI: line high */
  v[n++]=r32(PLIC+0x1000);            /* 1 */
  w8(UART+1,0x00);                    /* line low */
  v[n++]=r32(PLIC+0x1000);            /* 2: pending after the line dropped */
  v[n++]=r32(PLIC+0x200004);          /* 3: claim */
  v[n++]=r32(PLIC+0x1000);            /* 4 */
  w32(PLIC+0x200004,10);              /* complete, line low */
  v[n++]=r32(PLIC+0x1000);            /* 5 */
  w8(UART+1,0x02);                    /* line high again */
  v[n++]=r32(PLIC+0x200004);          /* 6: claim */
  v[n++]=r32(PLIC+0x1000);            /* 7: pending while claimed, line high */
  w32(PLIC+0x200004,10);              /* complete, line still high */
  v[n++]=r32(PLIC+0x1000);            /* 8: re-pended? */
  v[n++]=r32(PLIC+0x200004);          /* 9: claim again */
  w32(PLIC+0x200004,10);
  w8(UART+1,0x00);
  w32(PLIC+0x200004,77);              /* complete of an unclaimed source */
  v[n++]=r32(PLIC+0x200004);          /* 10 */
  for(int i=0;i<n;i++){ char nm[]="s00"; nm[1]='0'+i/10; nm[2]='0'+i%10; p(nm,v[i]); }
  w32(0x100000,0x5555);
  for(;;);
}
