#!/usr/bin/env bash
# Regenerates qemu-vectors.txt.gz: random F/D test vectors executed on qemu-system-riscv64 (softfloat),
# the reference our Fpu must match bit for bit including fflags. QemuVectorTest replays the file.
# Usage (from the repo root, after `mvn -pl jit test-compile`): jit/src/test/fpu-oracle/run-qemu.sh [perOp] [seed] [out.gz]
# (replay a file elsewhere with -Dfpu.qemu.vectors=<path>)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
. "$root/scripts/env.sh"
per_op=${1:-400}
seed=${2:-1}
out=${3:-$here/qemu-vectors.txt.gz}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
riscv64-unknown-elf-gcc -march=rv64gc -mabi=lp64d -mcmodel=medany -O2 -nostdlib -nostartfiles -static \
    -ffreestanding -T "$here/link.ld" -o "$tmp/fpu_vectors.elf" "$here/start.S" "$here/fpu_vectors.c"
java -cp "$root/jit/target/test-classes:$root/jit/target/classes" org.opennexus.jit.fpu.QemuVectors \
    "$per_op" "$seed" "$tmp/vec.bin" "$tmp/inputs.txt"
timeout 3000 qemu-system-riscv64 -machine virt -bios none -m 256M -display none -monitor none \
    -serial "file:$tmp/out.txt" -kernel "$tmp/fpu_vectors.elf" \
    -device "loader,file=$tmp/vec.bin,addr=0x80200000,force-raw=on"
n_in=$(wc -l < "$tmp/inputs.txt")
n_out=$(wc -l < "$tmp/out.txt")
[ "$n_in" = "$n_out" ] || { echo "qemu produced $n_out results for $n_in vectors" >&2; exit 1; }
{
    echo "# $(qemu-system-riscv64 --version | head -n1); columns: insn rm rs1 rs2 rs3 -> rd fflags (hex register values)"
    paste -d' ' "$tmp/inputs.txt" "$tmp/out.txt"
} | gzip -9n > "$out"
echo "wrote $n_in vectors to $out"
