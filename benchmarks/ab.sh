#!/usr/bin/env bash
# A/B speed of two commits on this machine: builds each commit's JMH jar in a throwaway worktree, then runs the
# target benchmarks (SGEMM n = 1024, the SimpleNet and ResNet18 split-brain training steps) R rounds in the order
# A B B A A B …, so that a drift of the host's speed falls on both sides alike. Writes
# benchmarks/results/<date>-ab-<A>-<B>.md with each round's figures, the medians and B/A.
# Usage: benchmarks/ab.sh A [B] [--rounds R] [--threads N] [--build-only]   (B defaults to HEAD; R to 4)
#   --build-only  builds and keeps both jars, runs nothing (build on a busy machine, measure on a quiet one)
# Needs: a JDK 17+, Maven, git, /usr/bin/python3 (standard library only).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=4
threads=2
build_only=0
revs=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --build-only) build_only=1 ;;
    -*) echo "ab.sh: unknown option '$1' (expected --rounds R, --threads N or --build-only)" >&2; exit 2 ;;
    *) revs+=("$1") ;;
  esac
  shift
done
[[ ${#revs[@]} -ge 1 && ${#revs[@]} -le 2 ]] || { echo "usage: benchmarks/ab.sh A [B] [--rounds R] [--threads N]" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "ab.sh: --rounds takes a positive whole number, not '$rounds'" >&2; exit 2; }
a=$(git rev-parse --short "${revs[0]}")
b=$(git rev-parse --short "${revs[1]:-HEAD}")
work=benchmarks/target/ab
mkdir -p "$work" benchmarks/results

# jar SHA: that commit's benchmarks.jar, built once in a detached worktree and kept in $work
jar() {
  local sha="$1" tree="$work/tree-$1"
  if [[ ! -f "$work/$sha.jar" ]]; then
    echo "== building $sha ==" >&2
    rm -rf "$tree"; git worktree prune
    git worktree add -q --detach "$tree" "$sha"
    (cd "$tree" && mvn -q -B -DskipTests package -pl benchmarks -am) >&2
    cp "$tree/benchmarks/target/benchmarks.jar" "$work/$sha.jar"
    git worktree remove --force "$tree"
  fi
  echo "$work/$sha.jar"
}
jar_a=$(jar "$a")
jar_b=$(jar "$b")
[[ $build_only == 1 ]] && { echo "$jar_a"; echo "$jar_b"; exit 0; }

jvm=(-t 1 -f 1 -jvmArgsAppend "--add-modules=jdk.incubator.vector -Xmx8g -Dcallosum.cpu.threads=$threads")
# bench SIDE ROUND: one round of the target benchmarks with SIDE's jar, results in $work/SIDE-rROUND.json
bench() {
  local side="$1" r="$2" j
  [[ $side == A ]] && j="$jar_a" || j="$jar_b"
  echo "== round $r: $side ==" >&2
  java -jar "$j" GemmBenchmark.sgemm -p n=1024 -wi 2 -i 3 -w 2 -r 2 "${jvm[@]}" -rf json -rff "$work/$side-r$r-gemm.json" >/dev/null
  java -jar "$j" TrainStepBenchmark.trainStep -wi 4 -w 5 -i 3 -r 3 "${jvm[@]}" -rf json -rff "$work/$side-r$r-step.json" >/dev/null
}
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2 == 1)); then bench A "$r"; bench B "$r"; else bench B "$r"; bench A "$r"; fi
done

report="benchmarks/results/$(date +%F)-ab-$a-$b.md"
/usr/bin/python3 - "$work" "$rounds" "$a" "$b" "$threads" > "$report" <<'PY'
import json, statistics, sys
work, rounds, a, b, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]

def figures(side, r):
    out = {}
    for part in ("gemm", "step"):
        for res in json.load(open(f"{work}/{side}-r{r}-{part}.json")):
            score, unit = res["primaryMetric"]["score"], res["primaryMetric"]["scoreUnit"]
            seconds = score * {"s/op": 1, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}[unit]
            if part == "gemm":
                n = int(res["params"]["n"])
                out[f"SGEMM n = {n}, GFLOP/s"] = 2 * n ** 3 / seconds / 1e9
            else:
                out[f"{res['params']['model']} training step, batch 64, images/s"] = 64 / seconds
    return out

rows = {}
for r in range(1, rounds + 1):
    fa, fb = figures("A", r), figures("B", r)
    for k in fa:
        rows.setdefault(k, []).append((fa[k], fb[k]))
print(f"# A/B: {a} (A) against {b} (B), {rounds} rounds, {threads} threads\n")
print("| benchmark | A median | B median | B/A median | B/A per round |")
print("|---|---:|---:|---:|---|")
for k, pairs in rows.items():
    ratios = [pb / pa for pa, pb in pairs]
    print(f"| {k} | {statistics.median(p[0] for p in pairs):.1f} | {statistics.median(p[1] for p in pairs):.1f} | "
          f"**{statistics.median(ratios):.3f}** | {', '.join(f'{x:.2f}' for x in ratios)} |")
PY
cat "$report"
