#!/usr/bin/env bash
# Packs a small Java runtime (jlink: the modules callosum needs, the Vector API included) for a machine without
# Java. Usage: bash cuda-kernels/device/pack-jre.sh <output folder>   → <output folder>/jre.tar.xz (about 17 MB)
# Unpack there with: tar -xJf jre.tar.xz -C <dir>   (gives <dir>/jre/bin/java)
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: pack-jre.sh <output folder>" >&2; exit 2; }
out=$1
mkdir -p "$out"
# java.desktop is left out: the verdict programs write no images (ImageIO would need it, at +12 MB)
mods=java.base,java.logging,java.management,jdk.unsupported,jdk.incubator.vector,java.naming,java.xml,jdk.zipfs
jhome=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
[ -x "$jhome/bin/jlink" ] || { echo "pack-jre.sh: no jlink under $jhome (set JAVA_HOME to a JDK 17)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# --compress=2 is JDK 17's spelling; newer JDKs want zip-6
"$jhome/bin/jlink" --add-modules "$mods" --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output "$tmp/jre" 2>/dev/null \
  || "$jhome/bin/jlink" --add-modules "$mods" --strip-debug --no-header-files --no-man-pages \
    --compress=zip-6 --output "$tmp/jre"
tar -C "$tmp" -cJf "$out/jre.tar.xz" jre
