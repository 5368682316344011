#!/usr/bin/env bash
# GPU checks for the CUDA backend, in two halves because the lent GPU machine has no Java, Maven or network.
#
#   bash cuda-kernels/gpu-test.sh prepare   # here: packs a JRE and every jar the run needs into .device/
#   bash cuda-kernels/gpu-test.sh remote    # there (the device tool's `run`, with carry [".device"]):
#                                           # unpacks the JRE, finds cuBLAS/cuDNN, runs the shared op suite on
#                                           # cuda:0, the CUDA unit tests and a SimpleNet training step, writes
#                                           # logs to $OUT
# The op suite is tensor-core's DeviceCase-parameterised tests: every op against its double reference and its
# numerical gradient check, on the GPU.
set -euo pipefail
root=$(git rev-parse --show-toplevel 2>/dev/null || pwd)
cd "$root"
dev=.device

prepare() {
  bash ../shared/device/pack-jre.sh
  # one reactor invocation, so the module jars resolve from this build
  mvn -q -B -DskipTests package dependency:copy-dependencies -pl cuda-kernels -am -DincludeScope=test \
    -DexcludeGroupIds=io.callosum -DoutputDirectory="$root/$dev/lib"
  mvn -q -B -N dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.10.2 -DoutputDirectory="$root/$dev/lib"
  cp tensor-core/target/tensor-core-*.jar cuda-kernels/target/cuda-kernels-*.jar "$dev/lib/"
  rm -rf "$dev/test-classes" && mkdir -p "$dev/test-classes"
  cp -r tensor-core/target/test-classes/. cuda-kernels/target/test-classes/. "$dev/test-classes/"
  # the NVPTX compiler inside jcuda-natives is not needed (PTX is JIT-compiled by the driver)
  du -sh "$dev"
}

remote() {
  out=${OUT:-/tmp/gpu-out}
  mkdir -p "$out" /tmp/jre
  tar -xJf "$dev/jre.tar.xz" -C /tmp/jre
  java=$(find /tmp/jre -path '*/bin/java' | head -1)
  site=$(python3 -c "import nvidia, os; print(os.path.dirname(nvidia.__path__[0]))" 2>/dev/null || true)
  libs=""
  if [[ -n "$site" ]]; then
    libs=$(find "$site" \( -name 'libcublas*.so*' -o -name 'libcudnn*.so*' \) -printf '%h\n' 2>/dev/null | sort -u | paste -sd: || true)
  fi
  export LD_LIBRARY_PATH="${libs}:${LD_LIBRARY_PATH:-}"
  nvidia-smi > "$out/nvidia-smi.txt" 2>&1 || true
  cp="$dev/test-classes:$(ls $dev/lib/*.jar | paste -sd:)"
  # the op suite twice: with cuBLAS/cuDNN as the probe finds them, then with our own kernels only
  for vendor in true false; do
    "$java" --add-modules jdk.incubator.vector -Dcallosum.test.devices=cuda -Dcallosum.cuda.vendor=$vendor -cp "$cp" \
      org.junit.platform.console.ConsoleLauncher execute --scan-classpath "$dev/test-classes" \
      --reports-dir "$out/junit-vendor-$vendor" > "$out/junit-vendor-$vendor.log" 2>&1 \
      || echo "junit (vendor=$vendor): failures (see junit-vendor-$vendor.log)" >> "$out/summary.txt"
  done
  "$java" --add-modules jdk.incubator.vector -cp "$cp" io.callosum.cuda.SimpleNetStep > "$out/simplenet-step.log" 2>&1 \
    || echo "SimpleNetStep failed" >> "$out/summary.txt"
  tail -n 25 "$out"/junit-vendor-*.log "$out/simplenet-step.log"
}

case "${1:-}" in
  prepare) prepare ;;
  remote) remote ;;
  *) echo "usage: gpu-test.sh prepare|remote" >&2; exit 2 ;;
esac
