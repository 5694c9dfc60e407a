package org.opennexus.machine.fdt;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.machine.testutil.Dts;

class VirtDeviceTreeTest {
    @TempDir
    Path tmp;

    private static final VirtDeviceTree.Spec TWO_HARTS = new VirtDeviceTree.Spec(256L << 20, 2,
            "rv64imafdc_zicsr_zifencei_zba_zbb_zbs_sstc", "console=ttyS0 quiet", 0x8800_0000L, 0x8810_0000L,
            new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

    @Test
    void headerFollowsTheDevicetreeSpec() {
        byte[] dtb = VirtDeviceTree.build(TWO_HARTS);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(dtb);
        assertEquals(0xd00dfeed, b.getInt(0), "magic");
        assertEquals(dtb.length, b.getInt(4), "totalsize");
        assertEquals(17, b.getInt(20), "version");
        assertEquals(16, b.getInt(24), "last_comp_version");
        assertEquals(0, b.getInt(b.getInt(16)) | b.getInt(b.getInt(16) + 12), "empty reservation map ends with a zero entry");
        assertEquals(1, b.getInt(b.getInt(8)), "structure block starts with FDT_BEGIN_NODE");
        assertEquals(9, b.getInt(b.getInt(8) + b.getInt(36) - 4), "structure block ends with FDT_END");
    }

    @Test
    void dtcAcceptsItAndEveryNodeIsThere() throws Exception {
        Map<String, Map<String, String>> n = Dts.load(Dts.write(tmp, "n.dtb", VirtDeviceTree.build(TWO_HARTS)));
        for (String path : List.of("/", "/chosen", "/memory@80000000", "/cpus", "/cpus/cpu@0", "/cpus/cpu@1",
                "/cpus/cpu@0/interrupt-controller", "/cpus/cpu@1/interrupt-controller", "/cpus/cpu-map/cluster0/core1",
                "/poweroff", "/reboot", "/soc", "/soc/rtc@101000", "/soc/serial@10000000", "/soc/test@100000",
                "/soc/plic@c000000", "/soc/clint@2000000", "/soc/virtio_mmio@10001000", "/soc/virtio_mmio@10008000")) {
            assertTrue(n.containsKey(path), "missing node " + path + " in " + n.keySet());
        }
        assertEquals("\"console=ttyS0 quiet\"", n.get("/chosen").get("bootargs"));
        assertEquals("<0x1020304 0x5060708>", n.get("/chosen").get("rng-seed"));
        assertEquals("<0x88000000>", n.get("/chosen").get("linux,initrd-start"));
        assertEquals("<0x88100000>", n.get("/chosen").get("linux,initrd-end"));
        assertEquals("\"rv64i\"", n.get("/cpus/cpu@1").get("riscv,isa-base"));
        assertEquals("\"i\\0m\\0a\\0f\\0d\\0c\\0zicsr\\0zifencei\\0zba\\0zbb\\0zbs\\0sstc\"",
                n.get("/cpus/cpu@1").get("riscv,isa-extensions"));
        assertEquals("<0x00 0xc000000 0x00 0x600000>", n.get("/soc/plic@c000000").get("reg"), "room for 1024 contexts, as QEMU");
    }

    /** Nodes QEMU 7.2 has for devices nexus does not emulate. */
    private static final Set<String> QEMU_ONLY = Set.of("/pmu", "/fw-cfg@10100000", "/flash@20000000",
            "/platform-bus@4000000", "/soc/pci@30000000");
    /** Properties whose value legitimately differs: phandle numbering (compared resolved below), QEMU's own ISA and RNG seed. */
    private static final Set<String> RESOLVED = Set.of("phandle", "interrupt-parent", "interrupts-extended", "regmap", "cpu");

    @Test
    void matchesQemuVirtDeviceTree() throws Exception {
        Path qemuDtb = tmp.resolve("q.dtb");
        Process p = new ProcessBuilder("qemu-system-riscv64", "-machine", "virt,dumpdtb=" + qemuDtb,
                "-smp", "2", "-m", "256M", "-display", "none", "-serial", "none")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(Files.size(qemuDtb) > 0);
        Map<String, Map<String, String>> q = Dts.load(qemuDtb);
        Map<String, Map<String, String>> n = Dts.load(Dts.write(tmp, "n.dtb",
                VirtDeviceTree.build(new VirtDeviceTree.Spec(256L << 20, 2, "rv64imafdc", null, 0, 0))));

        Set<String> expected = new TreeSet<>(q.keySet());
        expected.removeIf(path -> QEMU_ONLY.stream().anyMatch(x -> path.equals(x) || path.startsWith(x + "/")));
        assertEquals(expected, new TreeSet<>(n.keySet()), "node set");

        Map<String, String> qPh = phandles(q);
        Map<String, String> nPh = phandles(n);
        for (String path : expected) {
            for (Map.Entry<String, String> prop : q.get(path).entrySet()) {
                String key = prop.getKey();
                if (key.equals("riscv,isa") || key.equals("rng-seed") || key.equals("phandle")) {
                    continue;
                }
                String ours = n.get(path).get(key);
                assertNotNull(ours, path + " lacks " + key);
                if (RESOLVED.contains(key)) {
                    assertEquals(resolve(prop.getValue(), key, qPh), resolve(ours, key, nPh), path + " " + key);
                } else {
                    assertEquals(prop.getValue(), ours, path + " " + key);
                }
            }
        }
    }

    /** Kernel + initrd + command line through the real loader: /chosen as QEMU 7.2 writes it. */
    @Test
    void chosenMatchesQemuWithKernelInitrdAndAppend() throws Exception {
        Path initrd = tmp.resolve("initrd.img");
        Files.write(initrd, new byte[5000]);
        Path kernel = Path.of("/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin");
        Path qemuDtb = tmp.resolve("qi.dtb");
        Process p = new ProcessBuilder("qemu-system-riscv64", "-machine", "virt,dumpdtb=" + qemuDtb, "-m", "512M",
                "-display", "none", "-serial", "none", "-bios", "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin",
                "-kernel", kernel.toString(), "-initrd", initrd.toString(), "-append", "console=ttyS0 root=/dev/vda")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Map<String, String> q = Dts.load(qemuDtb).get("/chosen");

        org.opennexus.machine.MachineConfig c = org.opennexus.machine.MachineConfig.builder()
                .bios(Path.of("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin")).kernel(kernel)
                .initrd(initrd).append("console=ttyS0 root=/dev/vda").memory(512L << 20).build();
        byte[] dtb = org.opennexus.machine.boot.BootLoader.load(c,
                new org.opennexus.memory.GuestRam(0x8000_0000L, c.memoryBytes())).dtb();
        Map<String, String> n = Dts.load(Dts.write(tmp, "ni.dtb", dtb)).get("/chosen");
        for (String key : List.of("linux,initrd-start", "linux,initrd-end", "bootargs", "stdout-path")) {
            assertEquals(q.get(key), n.get(key), key);
        }
        assertTrue(n.containsKey("rng-seed"));
    }

    private static Map<String, String> phandles(Map<String, Map<String, String>> tree) {
        Map<String, String> m = new HashMap<>();
        tree.forEach((path, props) -> {
            String ph = props.get("phandle");
            if (ph != null) {
                m.put(ph.replaceAll("[<>]", ""), path);
            }
        });
        return m;
    }

    /** Replaces phandle cells by node paths: every cell for regmap/cpu/interrupt-parent, every other cell for interrupts-extended. */
    private static String resolve(String value, String key, Map<String, String> ph) {
        String[] cells = value.replaceAll("[<>]", "").trim().split("\\s+");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean isPhandle = !key.equals("interrupts-extended") || i % 2 == 0;
            sb.append(isPhandle ? ph.getOrDefault(cells[i], "?" + cells[i]) : Integer.decode(cells[i])).append(' ');
        }
        return sb.toString().trim();
    }
}
