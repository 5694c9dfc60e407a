#!/usr/bin/env bash
# Boots the kernel on qemu-system-riscv64 (virt, OpenSBI via -bios default) and
# checks that every line of MARKERS appears in the console output, in order.
# MARKERS: one marker per line, each must start a console line; no comments
# (the same files serve nexus's --expect). markers-smp1/-smp2: normal boots;
# markers-panic / markers-wx: boots with neuron.test=panic / =wx bootargs.
# A marker file that itself lists a "PANIC:" line expects the panic path.
# usage: e2e-qemu.sh KERNEL.elf SMP MARKERS [BOOTARGS] [TIMEOUT_SECONDS]
# QEMU_CPU (environment) selects a -cpu model, e.g. rv64,sstc=off.
set -uo pipefail
kernel=$1 smp=$2 markers=$3 bootargs=${4:-} limit=${5:-120}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
timeout --foreground -k 5 "$limit" qemu-system-riscv64 -machine virt -bios default -nographic \
    -m 256M -smp "$smp" ${QEMU_CPU:+-cpu "$QEMU_CPU"} -kernel "$kernel" ${bootargs:+-append "$bootargs"} </dev/null >"$log" 2>&1
rc=$?
tr -d '\r' <"$log" >"$log.clean" && mv "$log.clean" "$log"
pos=0 n=0
while IFS= read -r marker || [ -n "$marker" ]; do
    [ -z "$marker" ] && continue
    case $marker in \#*) continue ;; esac
    n=$((n + 1))
    # first occurrence of the marker (whole line prefix match) after line $pos
    hit=$(awk -v start="$pos" -v m="$marker" 'NR > start && index($0, m) == 1 { print NR; exit }' "$log")
    if [ -z "$hit" ]; then
        echo "e2e-qemu (-smp $smp): FAIL: marker $n missing: '$marker' (qemu exit $rc)"
        echo "---- console tail ----"; sed -n '/neuron vers/,$p' "$log" | tail -25
        exit 1
    fi
    pos=$hit
done <"$markers"
if ! grep -q '^PANIC:' "$markers" && grep -q '^PANIC:' "$log"; then
    echo "e2e-qemu (-smp $smp): FAIL: kernel panic"; grep -A20 '^PANIC:' "$log"; exit 1
fi
if [ "$rc" -ne 0 ]; then
    echo "e2e-qemu (-smp $smp): FAIL: qemu exit status $rc (124 = timeout)"; exit 1
fi
echo "e2e-qemu (-smp $smp${QEMU_CPU:+ -cpu $QEMU_CPU}${bootargs:+ -append $bootargs}): $n markers ok"
