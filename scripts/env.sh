# Sourced by the Makefile and scripts: exports JAVA_HOME pointing at a JDK >= 25.
# Order: $JAVA_HOME if it is new enough, then the newest suitable JDK under /usr/lib/jvm.

nexus_java_major() { # prints the feature version of the java binary given
    # The JDK's release file (JAVA_VERSION="25.0.3") when it has one: starting a JVM to ask costs
    # ~0.1 s, on every scripts/nexus launch.
    local release=${1%/bin/java}/release v=
    [ -f "$release" ] && v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n1)
    if [ -n "$v" ]; then echo "$v"; return 0; fi
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

nexus_find_jdk() {
    local candidate major
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
        major=$(nexus_java_major "$JAVA_HOME/bin/java")
        if [ "${major:-0}" -ge 25 ] 2>/dev/null; then echo "$JAVA_HOME"; return 0; fi
    fi
    for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        candidate=${candidate%/}
        [ -x "$candidate/bin/javac" ] || continue
        major=$(nexus_java_major "$candidate/bin/java")
        if [ "${major:-0}" -ge 25 ] 2>/dev/null; then echo "$candidate"; return 0; fi
    done
    return 1
}

if NEXUS_JDK=$(nexus_find_jdk); then
    export JAVA_HOME="$NEXUS_JDK"
    export PATH="$JAVA_HOME/bin:$PATH"
else
    echo "nexus: no JDK >= 25 found (checked \$JAVA_HOME and /usr/lib/jvm)." >&2
    echo "nexus: install one, e.g. Temurin 25, and set JAVA_HOME to it." >&2
    return 1 2>/dev/null || exit 1
fi

# Flags every JVM that runs nexus needs (lmdbjava on JDK 25, FFM native access).
export NEXUS_JVM_FLAGS="--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
# Maven's bundled Guava touches sun.misc.Unsafe; JDK 25 warns about it at every start.
case " ${MAVEN_OPTS:-} " in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow";; esac
