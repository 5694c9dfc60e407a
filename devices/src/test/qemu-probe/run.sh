#!/usr/bin/env bash
# Bare-metal register probes (M-mode, -bios none) run on qemu-system-riscv64 and, if built, on nexus.
# They are where the QEMU-measured expectations in the devices tests come from; the recorded QEMU 7.2
# outputs sit beside them (*.qemu-7.2.out). Usage: run.sh [outdir]   (needs riscv64-unknown-elf-gcc)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
out=${1:-$(mktemp -d)}
mkdir -p "$out"
dd if=/dev/zero of="$out/d.img" bs=512 count=100 2>/dev/null
for p in registers plic_sequence; do
    riscv64-unknown-elf-gcc -march=rv64gc -mabi=lp64d -mcmodel=medany -O1 -nostdlib -ffreestanding \
        -Wl,--no-warn-rwx-segments -T "$here/link.ld" "$here/start.S" "$here/$p.c" -o "$out/$p.elf"
    timeout 30 qemu-system-riscv64 -M virt -bios none -nographic -kernel "$out/$p.elf" \
        -global virtio-mmio.force-legacy=false \
        -drive file="$out/d.img",if=none,format=raw,id=d0 -device virtio-blk-device,drive=d0 \
        > "$out/$p.qemu.out" 2>/dev/null || true
    if [ -x "$root/scripts/nexus" ] && ls "$root"/machine/target/nexus-machine-*.jar >/dev/null 2>&1; then
        "$root/scripts/nexus" run --bios=none --kernel="$out/$p.elf" --drive="$out/d.img" --timeout=30s \
            < /dev/null > "$out/$p.nexus.out" 2>&1 || true
        echo "== $p: diff qemu nexus (known differences: docs/devices.md)"
        diff "$out/$p.qemu.out" "$out/$p.nexus.out" || true
    fi
done
echo "outputs in $out"
