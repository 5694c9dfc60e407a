# nexus / Open Nexus OS: top-level build.
#   make          build everything (Java modules + guest binaries)
#   make run      boot the OS headless on nexus until "SELFTEST: end"
#   make test     every test: JUnit, host C tests, end-to-end boots
#   make bench    JMH and side-by-side benchmarks against qemu-system-riscv64
SHELL := /bin/bash
ROOT  := $(abspath .)
BUILD := $(ROOT)/build
ENV   := . $(ROOT)/scripts/env.sh &&
MVN   := $(ENV) mvn -B -q -Dnexus.build.dir=$(BUILD)

# Guest sub-builds: each directory has a Makefile taking BUILD=<dir> (cross-compiled with riscv64-unknown-elf-gcc).
GUEST_DIRS := $(wildcard jit/src/test/guest machine/src/test/guest kernel bench/guest bench/guest-io)
HOST_TEST_DIRS := $(wildcard kernel)

.PHONY: all setup guest java aot run test test-java test-host test-e2e bench diff-long clean

all: guest java

setup:
	@scripts/setup.sh

guest: setup
	@set -e; for d in $(GUEST_DIRS); do $(MAKE) --no-print-directory -C $$d BUILD=$(BUILD) all; done

java: setup
	$(MVN) -DskipTests install
	@$(MAKE) --no-print-directory aot

# The JVM's AOT cache (JDK 25: JEP 483 classes loaded and linked, JEP 515 method profiles), which
# scripts/nexus passes to the JVM (docs/machine.md). Trained by one real boot of the OS, in the JVM
# that assembles the cache at exit (JEP 514, -XX:AOTCacheOutput). Rebuilt when a jar on the class
# path changes; `make aot` runs in a sub-make from `java` so it sees the jars Maven just wrote.
# A missing kernel or a failed training run leaves no cache (nexus runs without one) and a note.
AOT_CACHE := $(BUILD)/nexus.aot
AOT_JARS = $(filter-out %-sources.jar %-tests.jar,$(wildcard $(ROOT)/machine/target/nexus-machine-*.jar)) \
           $(wildcard $(ROOT)/machine/target/lib/*)
AOT_KERNEL := $(BUILD)/nexus-os.elf
AOT_DISK := $(BUILD)/aot-train.lmdb

aot: $(AOT_CACHE)

$(AOT_CACHE): $(AOT_JARS)
	@rm -rf $@ $@.new $(AOT_DISK); \
	if [ ! -f $(AOT_KERNEL) ]; then echo "aot: $(AOT_KERNEL) is not built, so no AOT cache yet (run make)"; exit 0; fi; \
	echo "aot: training $@ on an OS boot (log: $(BUILD)/aot-train.log)"; \
	export NEXUS_AOT=0; \
	$(ROOT)/scripts/nexus disk create --size 64M $(AOT_DISK) >/dev/null && \
	NEXUS_JAVA_OPTS=-XX:AOTCacheOutput=$@.new $(ROOT)/scripts/nexus run --kernel $(AOT_KERNEL) \
	    --drive $(AOT_DISK),format=lmdb --timeout 120s --until-marker "SELFTEST: end" >$(BUILD)/aot-train.log 2>&1 \
	    && test -s $@.new && mv $@.new $@ \
	    || echo "aot: training failed (see $(BUILD)/aot-train.log); nexus runs without an AOT cache"; \
	rm -rf $@.new $(AOT_DISK)

# The OS's state store: an LMDB disk that persists between runs (virtio-blk, see docs/storage.md).
STATE_DISK := $(BUILD)/state.lmdb

run: all
	@test -d $(STATE_DISK) || scripts/nexus disk create --size 64M $(STATE_DISK) >/dev/null
	scripts/nexus run --kernel $(BUILD)/nexus-os.elf --drive $(STATE_DISK),format=lmdb \
	    --timeout 120s --until-marker "SELFTEST: end"

test-host: setup
	@set -e; for d in $(HOST_TEST_DIRS); do $(MAKE) --no-print-directory -C $$d BUILD=$(BUILD) host-test; done

test-java: guest
	rm -rf */target/surefire-reports*
	$(MVN) install

# The OS booted end to end: on qemu-system-riscv64 (the reference) and on nexus, checked by markers.
test-e2e: test-java
	@$(MAKE) --no-print-directory aot
	$(MAKE) --no-print-directory -C kernel BUILD=$(BUILD) e2e-qemu e2e-nexus

test: test-host test-java test-e2e
	@scripts/test-summary

bench: all
	$(MAKE) --no-print-directory -C bench BUILD=$(BUILD) bench

# A longer differential run against QEMU: make diff-long SEED=<n> COUNT=<sequences per group>
diff-long: all
	scripts/diff-long "$(SEED)" "$(COUNT)"

clean:
	rm -rf $(BUILD)
	$(MVN) clean
