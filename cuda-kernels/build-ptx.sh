#!/usr/bin/env bash
# Compiles src/main/cuda/*.cu to PTX (one module per file) when nvcc is on the PATH and the sources changed since
# the committed PTX was made. The PTX and a manifest (a hash of the sources and flags, the nvcc version, the PTX ISA
# and target) are committed under src/main/resources, so machines without nvcc use them; PtxFreshnessTest checks they
# are not stale.
# nvcc 13 writes `.version 9.0`, which only drivers >= R580 load; the kernels use nothing newer than ISA 8.0, so the
# `.version` line is rewritten to src/main/cuda/ptx.isa (8.0 = CUDA 12.0, loaded by R525 on) and every module is then
# assembled with ptxas for its own target, sm_80 and sm_90 to prove the rewritten PTX is valid; any failure fails this
# script (and the Maven build).
# Usage: bash build-ptx.sh [--force]      (run from cuda-kernels/; Maven runs it in generate-resources)
set -euo pipefail
cd "$(dirname "$0")"
src=src/main/cuda
out=src/main/resources/io/callosum/cuda/kernels
manifest=$out/ptx.properties

# The hash PtxFreshnessTest recomputes: for each file of src/main/cuda in byte order, its name, NUL, its bytes, NUL.
sources_hash() {
  (cd "$src" && for f in $(LC_ALL=C ls); do [ -f "$f" ] || continue; printf '%s\0' "$f"; cat "$f"; printf '\0'; done) \
    | sha256sum | cut -d' ' -f1
}

hash=$(sources_hash)
if [ "${1:-}" != "--force" ] && [ -f "$manifest" ] && grep -qx "sources.sha256=$hash" "$manifest"; then
  exit 0   # committed PTX is up to date
fi
if ! command -v nvcc >/dev/null 2>&1; then
  echo "build-ptx: nvcc is not on the PATH; keeping the committed PTX (PtxFreshnessTest says whether it is stale)" >&2
  exit 0
fi
ptxas=$(command -v ptxas || ls /usr/local/cuda*/bin/ptxas 2>/dev/null | head -n1 || true)
if [ -z "$ptxas" ]; then
  echo "build-ptx: nvcc is on the PATH but ptxas is not; cannot verify the ISA-rewritten PTX" >&2
  exit 1
fi
flags=$(cat "$src/nvcc.flags")
isa=$(tr -d '[:space:]' < "$src/ptx.isa")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
modules=()
for cu in $(LC_ALL=C ls "$src"/*.cu); do
  name=$(basename "$cu" .cu)
  # shellcheck disable=SC2086
  nvcc $flags -I"$src" -ptx -o "$tmp/$name.ptx" "$cu"
  sed -i "s/^\.version [0-9][0-9.]*\$/.version $isa/" "$tmp/$name.ptx"
  grep -qx "\.version $isa" "$tmp/$name.ptx" || { echo "build-ptx: $name.ptx has no .version line to set to $isa" >&2; exit 1; }
  modules+=("$name")
done
target=$(sed -n 's/^\.target \(sm_[0-9a-z]*\).*/\1/p' "$tmp/${modules[0]}.ptx")
for name in "${modules[@]}"; do
  grep -qx "\.target $target" "$tmp/$name.ptx" || { echo "build-ptx: $name.ptx does not target $target like the others" >&2; exit 1; }
done
# Assemble every module for each architecture, two at a time; ptxas rejects instructions newer than the ISA.
printf '%s\n' "${modules[@]}" | sed 's/$/.ptx/' | while read -r f; do for a in "$target" sm_80 sm_90; do echo "$a $f"; done; done \
  | xargs -P 2 -L 1 sh -c '"$0" -arch="$1" -o /dev/null "'"$tmp"'/$2" || { echo "build-ptx: ptxas -arch=$1 rejects $2 at ISA '"$isa"'" >&2; exit 255; }' "$ptxas"
version=$(nvcc --version | sed -n 's/.*release \([0-9.]*\).*/\1/p')
mkdir -p "$out"
rm -f "$out"/*.ptx
cp "$tmp"/*.ptx "$out"/
{
  echo "# Written by build-ptx.sh: do not edit. PTX for the driver to JIT-compile; see nvcc.flags and ptx.isa."
  echo "sources.sha256=$hash"
  echo "nvcc.version=$version"
  echo "ptx.isa=$isa"
  echo "ptx.target=$target"
  echo "modules=$(IFS=,; echo "${modules[*]}")"
} > "$manifest"
echo "build-ptx: compiled ${#modules[@]} modules with nvcc $version at PTX ISA $isa for $target (ptxas-checked for $target, sm_80, sm_90)"
