#!/usr/bin/env bash
# The GPU verdict: one call on the lent GPU machine (no Java, no Maven, no network there) answers whether the CUDA
# backend is correct, how fast it trains against PyTorch, and whether it leaks. See cuda-kernels/README.md,
# section "GPU verdict".
#
#   bash cuda-kernels/gpu-test.sh prepare [DIR]   # here: JRE + jars + prebuilt cuBLAS forwarder into DIR (.device)
#   bash cuda-kernels/gpu-test.sh remote [DIR]    # there, with carry [".device"]: runs every stage, prints one
#                                                 # table, writes it, its JSON and the logs to $OUT
#   bash cuda-kernels/gpu-test.sh --dry-run       # here, CPU only: prepare into a temp folder, remote on device
#                                                 # cpu with small sizes, then a self-test that an injected
#                                                 # leak turns the verdict into FAIL
# The last line of remote is "GPU-VERDICT: PASS" or "GPU-VERDICT: FAIL"; the exit status is non-zero on FAIL.
#
# Environment: OUT (remote's output folder), CALLOSUM_VERDICT_STAGES (comma list of stages to run, default all:
# ops-vendor-on ops-vendor-off agreement throughput-fp32 throughput-tf32 torch lab-targets memory),
# CALLOSUM_VERDICT_BUDGET_S (remote's total time, default 470 s), CALLOSUM_MVN_OPTS (extra Maven options for
# prepare, e.g. -o), CALLOSUM_VERDICT_INJECT (self-test only: checks that must see a deliberate error).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
ALL_STAGES=ops-vendor-on,ops-vendor-off,agreement,throughput-fp32,throughput-tf32,torch,lab-targets,memory
MAX_BYTES=$((64 * 1024 * 1024))

die() { echo "gpu-test.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------- prepare
prepare() {
  local dest
  dest=$(realpath -m "${1:-$root/.device}")
  command -v cc >/dev/null || command -v gcc >/dev/null || die "prepare: no C compiler (cc/gcc): the cuBLAS forwarder must be built here"
  rm -rf "$dest"
  mkdir -p "$dest/lib"
  bash cuda-kernels/device/pack-jre.sh "$dest"
  # one reactor build: module jars from this working tree, third-party jars (test scope: JUnit and its launcher)
  # shellcheck disable=SC2086
  mvn -q -B ${CALLOSUM_MVN_OPTS:-} -DskipTests package dependency:copy-dependencies -pl cuda-kernels,benchmarks -am \
    -DincludeScope=test -DexcludeGroupIds=io.callosum -DoutputDirectory="$dest/lib" \
    || die "prepare: the Maven build failed"
  cp tensor-core/target/tensor-core-*.jar nn-layers/target/nn-layers-*.jar splitbrain-model/target/splitbrain-model-*.jar \
     cuda-kernels/target/cuda-kernels-*.jar benchmarks/target/benchmarks-*.jar "$dest/lib/"
  # cuda-kernels' tests (OpSuiteVerdict, CudaSuiteCondition and its service file) have no jar of their own
  (cd cuda-kernels/target/test-classes && jar cf "$dest/lib/cuda-kernels-tests.jar" .)
  # JCublas 12.6 links libcublas.so.12; the GPU machine has CUDA 13's libcublas.so.13 and no compiler
  java -cp "$dest/lib/*" io.callosum.cuda.vendor.CublasForwarder "$dest/forwarder" \
    || die "prepare: building the forwarding libcublas.so.12 failed"
  [ -s "$dest/forwarder/libcublas.so.12" ] || die "prepare: $dest/forwarder/libcublas.so.12 was not written"
  rm -f "$dest/forwarder/"*.c "$dest/forwarder/"*.map
  git -C "$root" log -1 --format='commit %h %s' 2>/dev/null | cut -c1-80 > "$dest/BUILD" || true
  [ -s "$dest/BUILD" ] || echo "commit unknown" > "$dest/BUILD"
  git -C "$root" status --porcelain | grep -q . && echo "(working tree with uncommitted changes)" >> "$dest/BUILD"
  # the device run carries the working tree (tracked and untracked, not ignored files) and this folder: 64 MiB in all
  local bytes tree
  bytes=$(du -sb "$dest" | cut -f1)
  tree=$(git -C "$root" ls-files -z --cached --others --exclude-standard | (cd "$root" && du -cb --files0-from=- 2>/dev/null) | tail -1 | cut -f1)
  echo "prepare: $dest holds $(du -sh "$dest" | cut -f1) ($bytes bytes: JRE, $(ls "$dest/lib" | wc -l) jars, forwarder);" \
       "with the working tree ($tree bytes) $(( (bytes + tree) / 1048576 )) MiB of the 64 MiB a device run may carry"
  [ $((bytes + tree)) -le "$MAX_BYTES" ] || die "prepare: $dest and the working tree are over the 64 MiB a device run may carry"
}

# ---------------------------------------------------------------------------------------------------- remote
# Each stage runs in its own process under `timeout`, within what is left of the total budget, writes its log to
# logs/<stage>.log and its VERDICT rows to rows/<stage>.tsv. A stage that times out, exits non-zero without a FAIL
# row of its own, or prints no row at all gets a FAIL row in section "harness".
stage() {
  local name=$1 limit=$2 dir=$3
  shift 3
  local left=$((deadline - SECONDS)) rc=0
  local log="$work/logs/$name.log" rows="$work/rows/$name.tsv"
  : > "$rows"
  if [ "$left" -lt 15 ]; then
    printf 'VERDICT\tharness\t%s\tFAIL\tnot run\tthe time budget (%s s) was spent before this stage\n' "$name" "$budget" >> "$rows"
    return
  fi
  [ "$limit" -gt "$left" ] && limit=$left
  echo "[$(date -u +%T)] $name: starting (limit ${limit} s)"
  local t0=$SECONDS
  (cd "$dir" && exec timeout -k 10 "$limit" "$@") > "$log" 2>&1 || rc=$?
  grep -a $'^VERDICT\t' "$log" >> "$rows" || true
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    printf 'VERDICT\tharness\t%s\tFAIL\ttimed out\tkilled after %s s; see logs/%s.log\n' "$name" "$limit" "$name" >> "$rows"
  elif [ "$rc" -ne 0 ] && ! grep -q $'\tFAIL\t' "$rows"; then
    local why
    why=$(grep -a -m1 -E '^(Exception in thread|[A-Za-z0-9_.$]+(Exception|Error)\b)' "$log" || tail -n 1 "$log")
    printf 'VERDICT\tharness\t%s\tFAIL\texit %s\tno failing check named: %s\n' "$name" "$rc" "$(echo "$why" | tr '\t' ' ' | cut -c1-240)" >> "$rows"
  elif [ ! -s "$rows" ]; then
    printf 'VERDICT\tharness\t%s\tFAIL\tno rows\texit %s but no verdict row printed; see logs/%s.log\n' "$name" "$rc" "$name" >> "$rows"
  fi
  echo "[$(date -u +%T)] $name: exit $rc after $((SECONDS - t0)) s, $(grep -c $'\tFAIL\t' "$rows" || true) failing row(s)"
}

wants() { [[ ",$stages," == *",$1,"* ]]; }

remote() {
  local dest
  dest=$(realpath -m "${1:-$root/.device}")
  [ -f "$dest/jre.tar.xz" ] && [ -d "$dest/lib" ] || die "remote: $dest is not a prepared folder (run: gpu-test.sh prepare)"
  local device=${CALLOSUM_VERDICT_DEVICE:-cuda}
  stages=${CALLOSUM_VERDICT_STAGES:-$ALL_STAGES}
  budget=${CALLOSUM_VERDICT_BUDGET_S:-470}
  deadline=$((SECONDS + budget))
  out=${OUT:-$(mktemp -d)}
  work=$(mktemp -d)
  mkdir -p "$out" "$work/logs" "$work/rows"

  tar -xJf "$dest/jre.tar.xz" -C "$work" 2>/dev/null \
    || python3 -c "import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])" "$dest/jre.tar.xz" "$work" \
    || die "remote: cannot unpack $dest/jre.tar.xz"
  local java="$work/jre/bin/java"
  [ -x "$java" ] || die "remote: no java in $dest/jre.tar.xz"

  # Sizes: the real run on cuda, small ones for the CPU dry run (the mechanics are the same).
  local agree_simple agree_resnet tp_batches tp_warm tp_steps_s tp_steps_r lab_batch lab_reps mem_batch mem_first mem_second
  local ops_limit agree_limit tp_limit torch_limit heap python
  if [ "$device" = cuda ]; then
    candidate=cuda
    agree_simple=16 agree_resnet=8 tp_batches=64,256 tp_warm=5 tp_steps_s=30 tp_steps_r=10
    lab_batch=256 lab_reps=20 mem_batch=64 mem_first=200 mem_second=1000
    ops_limit=240 agree_limit=120 tp_limit=100 torch_limit=150 heap=16g python=python3
  else
    candidate=cpu-scalar
    agree_simple=2 agree_resnet=1 tp_batches=2 tp_warm=1 tp_steps_s=2 tp_steps_r=1
    lab_batch=8 lab_reps=3 mem_batch=1 mem_first=5 mem_second=20
    ops_limit=300 agree_limit=240 tp_limit=120 torch_limit=120 heap=3g python=${CALLOSUM_PYTHON:-/usr/bin/python3}
  fi
  local jvm=("$java" --add-modules jdk.incubator.vector -Xss8m "-Xmx$heap" -Dcallosum.leakDetection=off
             "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn" -cp "$dest/lib/*")
  local title="GPU verdict on $device"
  local libs_ok=1
  if [ "$device" = cuda ]; then
    nvidia-smi > "$work/logs/nvidia-smi.txt" 2>&1 || true
    local gpu site dirs
    gpu=$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -1 || true)
    title="GPU verdict on ${gpu:-an unnamed GPU (nvidia-smi failed)}"
    # cuBLAS and cuDNN come from the NVIDIA Python wheels next to PyTorch
    site=$(python3 -c "import nvidia, os; print(os.path.dirname(nvidia.__path__[0]))" 2>/dev/null || true)
    local cublas_dir="" cudnn_dir=""
    if [ -n "$site" ]; then
      cublas_dir=$(find "$site" -name 'libcublas.so.13' -printf '%h\n' 2>/dev/null | head -1 || true)
      cudnn_dir=$(find "$site" -name 'libcudnn.so.9' -printf '%h\n' 2>/dev/null | head -1 || true)
    fi
    dirs=$(printf '%s\n' "$cublas_dir" "$cudnn_dir" | grep -v '^$' | sort -u | paste -sd: || true)
    export LD_LIBRARY_PATH="${dirs}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "python site-packages: ${site:-none}; vendor library folders: ${dirs:-none found}" > "$work/logs/libraries.txt"
    local missing=()
    [ -n "$cublas_dir" ] || missing+=("libcublas.so.13 (NVIDIA cuBLAS wheel)")
    [ -n "$cudnn_dir" ] || missing+=("libcudnn.so.9 (NVIDIA cuDNN wheel)")
    [ -s "$dest/forwarder/libcublas.so.12" ] || missing+=("$dest/forwarder/libcublas.so.12 (built by prepare)")
    if [ ${#missing[@]} -gt 0 ]; then
      printf 'VERDICT\tharness\tlibraries\tFAIL\tmissing\t%s\n' "${missing[*]}" > "$work/rows/00-libraries.tsv"
      libs_ok=0
    fi
    jvm+=("-Dcallosum.cuda.cublasForwarder=$dest/forwarder/libcublas.so.12")
  fi
  title="$title; build: $(head -1 "$dest/BUILD" 2>/dev/null || echo unknown); $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "$title"

  # 1. correctness, in parallel (each JVM on its own share of the cores, the GPU shared)
  local pkgs=(io.callosum.tensor.ops io.callosum.cuda)
  wants ops-vendor-on && stage ops-vendor-on "$ops_limit" cuda-kernels "${jvm[@]}" -Dcallosum.cuda.vendor=true \
      -Dcallosum.test.devices="$device" io.callosum.cuda.verdict.OpSuiteVerdict ops-vendor-on true "${pkgs[@]}" &
  wants ops-vendor-off && stage ops-vendor-off "$ops_limit" cuda-kernels "${jvm[@]}" -Dcallosum.cuda.vendor=false \
      -Dcallosum.test.devices="$device" io.callosum.cuda.verdict.OpSuiteVerdict ops-vendor-off false "${pkgs[@]}" &
  wants agreement && stage agreement "$agree_limit" . bash -c '"$@" simplenet '"$agree_simple"' && "$@" resnet18 '"$agree_resnet" _ \
      "${jvm[@]}" -Dcallosum.cuda.tf32=false io.callosum.benchmarks.gpu.StepAgreement "$candidate" &
  wait
  # 2. timings, one at a time
  for tf32 in false true; do
    local tname=throughput-fp32
    [ "$tf32" = true ] && tname=throughput-tf32
    wants "$tname" && stage "$tname" "$tp_limit" . bash -c '"$@" simplenet '"$tp_batches $tp_warm $tp_steps_s"' && "$@" resnet18 '"$tp_batches $tp_warm $tp_steps_r" _ \
        "${jvm[@]}" -Dcallosum.cuda.tf32=$tf32 io.callosum.benchmarks.gpu.TrainThroughput "$device"
  done
  local torch_args=(--device "$device" --batches "$tp_batches" --warmup "$tp_warm" --tf32 off,on)
  [ "$device" = cuda ] && torch_args+=(--require-torch)
  wants torch && stage torch "$torch_limit" . bash -c '"$@" --models simplenet --steps '"$tp_steps_s"' && "$@" --models resnet18 --steps '"$tp_steps_r" _ \
      "$python" benchmarks/torch/gpu_ref.py "${torch_args[@]}"
  wants lab-targets && stage lab-targets 120 . "${jvm[@]}" io.callosum.benchmarks.gpu.LabTargetsBandwidth "$device" "$lab_batch" "$lab_reps"
  wants memory && stage memory 180 . "${jvm[@]}" io.callosum.benchmarks.gpu.MemoryGrowth "$device" simplenet "$mem_batch" "$mem_first" "$mem_second"

  # 3. one table
  local require=() s
  for s in ${stages//,/ }; do
    case $s in
      ops-vendor-on|ops-vendor-off|agreement|lab-targets|memory) require+=("$s") ;;
      throughput-fp32|throughput-tf32) require+=(throughput) ;;
      torch) require+=(throughput-torch) ;;
      *) die "remote: unknown stage '$s' in CALLOSUM_VERDICT_STAGES (known: $ALL_STAGES)" ;;
    esac
  done
  cat "$work/rows/"*.tsv > "$work/rows.tsv" 2>/dev/null || : > "$work/rows.tsv"
  local rc=0
  echo "(table, JSON and logs go to $out)"
  python3 cuda-kernels/device/verdict_table.py --rows "$work/rows.tsv" --title "$title" \
      --require "$(IFS=,; echo "${require[*]}")" --out-dir "$out" || rc=$?
  [ "$libs_ok" = 1 ] || rc=1
  tar -czf "$out/logs.tar.gz" -C "$work" logs rows.tsv
  [ "$device" = cuda ] && cp "$work/logs/nvidia-smi.txt" "$out/" 2>/dev/null
  rm -rf "$work"
  return "$rc"
}

# ---------------------------------------------------------------------------------------------------- dry run
dry_run() {
  local t0=$SECONDS rc=0
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT  # tmp is global: the trap runs after this function has returned
  echo "== dry run: prepare into $tmp/device"
  prepare "$tmp/device"
  echo "== dry run: remote on the CPU"
  # the limits are for hangs: a busy shared CI machine runs these JVMs several times slower than an idle one
  CALLOSUM_VERDICT_DEVICE=cpu CALLOSUM_VERDICT_BUDGET_S=${CALLOSUM_VERDICT_BUDGET_S:-900} OUT="$tmp/out" remote "$tmp/device" || rc=$?
  echo "== dry run: self-test (an injected memory leak must turn the verdict into FAIL)"
  local self=0
  CALLOSUM_VERDICT_DEVICE=cpu CALLOSUM_VERDICT_BUDGET_S=600 CALLOSUM_VERDICT_STAGES=memory CALLOSUM_VERDICT_INJECT=memory \
    OUT="$tmp/self" remote "$tmp/device" > "$tmp/self.log" 2>&1 || self=$?
  if [ "$self" -ne 0 ] && grep -q '^GPU-VERDICT: FAIL$' "$tmp/self.log" && grep -qE '^FAIL +simplenet b.* on cpu' "$tmp/self.log"; then
    echo "self-test: caught (exit $self, GPU-VERDICT: FAIL, the memory row FAIL)"
  else
    echo "self-test: NOT caught (exit $self; the harness would pass a broken check):"
    cat "$tmp/self.log"
    rc=1
  fi
  echo "dry run: $((SECONDS - t0)) s, exit $rc"
  return "$rc"
}

case "${1:-}" in
  prepare) prepare "${2:-}" ;;
  remote) remote "${2:-}" ;;
  --dry-run) dry_run ;;
  *) echo "usage: gpu-test.sh prepare [DIR] | remote [DIR] | --dry-run" >&2; exit 2 ;;
esac
