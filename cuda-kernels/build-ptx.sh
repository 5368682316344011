#!/usr/bin/env bash
# Compiles src/main/cuda/*.cu to PTX (one module per file) when nvcc is on the PATH and the sources changed since
# the committed PTX was made. The PTX and a manifest (a hash of the sources and flags, the nvcc version) are committed
# under src/main/resources, so machines without nvcc use them; PtxFreshnessTest checks they are not stale.
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
flags=$(cat "$src/nvcc.flags")
mkdir -p "$out"
rm -f "$out"/*.ptx
modules=()
for cu in $(LC_ALL=C ls "$src"/*.cu); do
  name=$(basename "$cu" .cu)
  # shellcheck disable=SC2086
  nvcc $flags -I"$src" -ptx -o "$out/$name.ptx" "$cu"
  modules+=("$name")
done
version=$(nvcc --version | sed -n 's/.*release \([0-9.]*\).*/\1/p')
{
  echo "# Written by build-ptx.sh: do not edit. PTX for the driver to JIT-compile; see nvcc.flags."
  echo "sources.sha256=$hash"
  echo "nvcc.version=$version"
  echo "modules=$(IFS=,; echo "${modules[*]}")"
} > "$manifest"
echo "build-ptx: compiled ${#modules[@]} modules with nvcc $version"
