#!/usr/bin/env bash
# Builds the JMH benchmarks, runs them, runs PyTorch's reference script (torch/torch_ref.py) in the same invocation
# on the same machine, and writes benchmarks/results/<date>.json and <date>.md with each figure and its ratio to
# PyTorch. Usage: benchmarks/run.sh [--quick] [--threads N]
#   --quick    shorter JMH iterations, fewer sizes and torch repeats (a few minutes in all)
# Needs: a JDK 17+, Maven, /usr/bin/python3 with Debian's python3-torch, python3-numpy and python3-skimage.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
threads=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --threads) threads="$2"; shift ;;
    *) echo "run.sh: unknown option '$1' (expected --quick or --threads N)" >&2; exit 2 ;;
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
jmh_args=(-rf json -rff "$out/$stamp-jmh.json" -t 1 -jvmArgsAppend "--add-modules=jdk.incubator.vector -Xmx8g -Dcallosum.cpu.threads=$threads")
torch_args=(--threads "$threads" --out "$out/$stamp-torch.json" --sections gemm,conv,simplenet,resnet18,lab)
if [[ $quick == 1 ]]; then
  jmh_args+=(-wi 2 -i 2 -w 2 -r 2 -p n=256,1024 -p layer=32-64-48,128-192-12)
  torch_args+=(--rep-scale 0.3)
fi
echo "== callosum (JMH) =="
java -jar benchmarks/target/benchmarks.jar "${jmh_args[@]}"
echo "== PyTorch reference =="
"$py" benchmarks/torch/torch_ref.py "${torch_args[@]}"
"$py" benchmarks/compare.py "$out/$stamp-jmh.json" "$out/$stamp-torch.json" "$out/$stamp.json" "$out/$stamp.md"
cat "$out/$stamp.md"
