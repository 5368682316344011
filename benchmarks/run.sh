#!/usr/bin/env bash
# Builds the JMH benchmarks, runs them, runs PyTorch's reference script (torch/torch_ref.py) in the same invocation
# on the same machine, and writes benchmarks/results/<date>.json and <date>.md with each figure and its ratio to
# PyTorch. Usage: benchmarks/run.sh [--quick] [--threads N] [--rounds R]
#   --quick    shorter JMH iterations, fewer sizes and torch repeats (about ten minutes in all)
#   --rounds R the targets' benchmarks (SGEMM n = 1024, both training steps) run R times in all, callosum and
#              PyTorch taking turns, and the table gives the median over the rounds with every round's figure
#              (default 3): this machine's speed drifts by up to 1.5× within minutes, so one pair of figures taken
#              a minute apart can put a ratio anywhere in ±30 %.
# Needs: a JDK 17+, Maven, /usr/bin/python3 with Debian's python3-torch, python3-numpy and python3-skimage.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
threads=2
rounds=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --threads) threads="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    *) echo "run.sh: unknown option '$1' (expected --quick, --threads N or --rounds R)" >&2; exit 2 ;;
  esac
  shift
done
py=/usr/bin/python3
"$py" -c 'import torch, numpy, skimage' 2>/dev/null || {
  echo "run.sh: $py cannot import torch, numpy and skimage; apt-get install -y python3-torch python3-numpy python3-skimage" >&2; exit 2; }

stamp=$(date +%F)
out=benchmarks/results
mkdir -p "$out"
mvn -q -B -DskipTests package -pl benchmarks -am

# the command-line -jvmArgsAppend replaces the annotations' one, so it repeats the Vector API module
jvm=(-t 1 -jvmArgsAppend "--add-modules=jdk.incubator.vector -Xmx8g -Dcallosum.cpu.threads=$threads")
torch_args=(--threads "$threads" --out "$out/$stamp-torch.json" --sections conv,simplenet,resnet18,lab)
# PyTorch's SGEMM with OpenBLAS choosing its own kernel: this machine's environment forces the Haswell kernel
# (OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE) for old OpenBLAS builds' sake, which slows a current one by ≈ 1.5×.
gemm_args=(--threads "$threads" --out "$out/$stamp-torch-gemm.json" --sections gemm)
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --rounds takes a positive whole number, not '$rounds'" >&2; exit 2; }
short=() train=() sizes=() round_torch=(--threads "$threads" --sections simplenet,resnet18)
if [[ $quick == 1 ]]; then
  short=(-wi 2 -i 2 -w 2 -r 2)
  # A fresh JVM runs its first ~10 ResNet18 steps at up to several times the steady time while C2 compiles the
  # kernels, so the training steps get 20 s of
  # warm-up; PyTorch, with nothing to compile, gets its 3 warm-up steps as torch_ref.py gives them.
  train=(-wi 4 -w 5 -i 2 -r 3)
  sizes=(-p n=256,1024 -p layer=32-64-48,128-192-12)
  torch_args+=(--rep-scale 0.3)
  gemm_args+=(--rep-scale 0.3)
  round_torch+=(--rep-scale 0.3)
fi
# jmh OUT.json [JMH arguments...]: one JMH run writing its JSON results to OUT.json
jmh() { local to="$1"; shift; java -jar benchmarks/target/benchmarks.jar "$@" "${jvm[@]}" -rf json -rff "$to"; }
# merge OUT.json IN.json...: the IN files' result lists as one
merge() { "$py" -c 'import json, sys; json.dump(sum((json.load(open(f)) for f in sys.argv[2:]), []), open(sys.argv[1], "w"), indent=1)' "$@"; rm -f "${@:2}"; }
rm -f "$out/$stamp"-jmh-r*.json "$out/$stamp"-torch-r*.json
echo "== callosum (JMH) =="
jmh "$out/$stamp-jmh-a.json" -e TrainStepBenchmark "${short[@]}" "${sizes[@]}"
jmh "$out/$stamp-jmh-b.json" TrainStepBenchmark "${train[@]}"
merge "$out/$stamp-jmh.json" "$out/$stamp-jmh-a.json" "$out/$stamp-jmh-b.json"
echo "== PyTorch reference =="
"$py" benchmarks/torch/torch_ref.py "${torch_args[@]}"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py" benchmarks/torch/torch_ref.py "${gemm_args[@]}"
# one torch JSON: the GEMM section and its own meta (the OpenBLAS kernel it ran) joined to the rest
"$py" -c 'import json, sys; t = json.load(open(sys.argv[1])); g = json.load(open(sys.argv[2])); t["gemm"] = g["gemm"]; t["gemm_meta"] = g["meta"]; json.dump(t, open(sys.argv[1], "w"), indent=1)' "$out/$stamp-torch.json" "$out/$stamp-torch-gemm.json"
rm -f "$out/$stamp-torch-gemm.json"
later=()
for ((r = 2; r <= rounds; r++)); do
  echo "== round $r of $rounds: callosum (JMH) =="
  jmh "$out/$stamp-jmh-r$r-a.json" GemmBenchmark.sgemm -p n=1024 "${short[@]}"
  jmh "$out/$stamp-jmh-r$r-b.json" TrainStepBenchmark.trainStep "${train[@]}"
  merge "$out/$stamp-jmh-r$r.json" "$out/$stamp-jmh-r$r-a.json" "$out/$stamp-jmh-r$r-b.json"
  echo "== round $r of $rounds: PyTorch reference =="
  "$py" benchmarks/torch/torch_ref.py "${round_torch[@]}" --out "$out/$stamp-torch-r$r.json"
  later+=("$out/$stamp-jmh-r$r.json" "$out/$stamp-torch-r$r.json")
done
"$py" benchmarks/compare.py "$out/$stamp-jmh.json" "$out/$stamp-torch.json" "$out/$stamp.json" "$out/$stamp.md" "${later[@]}"
cat "$out/$stamp.md"
