#!/usr/bin/python3
"""Joins a JMH JSON result and a torch_ref.py JSON result into one JSON and one Markdown table with ratios.

usage: compare.py JMH.json TORCH.json OUT.json OUT.md [JMH_2.json TORCH_2.json ...]   (ratio > 1: callosum faster)

Further pairs are later rounds of the benchmarks that carry a target (run.sh --rounds): for those rows the table
gives the median over all rounds of each side's figure and of the per-round ratio, and lists every round.
"""
import json
import statistics
import sys


def jmh_rows(path):
    rows = {}
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 2)[-2:]
        params = r.get("params", {})
        ms = r["primaryMetric"]["score"]  # average time per op in ms
        err = r["primaryMetric"].get("scoreError")
        rows[(".".join(name), tuple(sorted(params.items())))] = (ms, err)
    return rows


def train_img_s(j, model):
    key = ("TrainStepBenchmark.trainStep", (("model", model),))
    return 64 / (j[key][0] / 1e3) if key in j else None


def sgemm_gflops(j, n):
    key = ("GemmBenchmark.sgemm", (("n", str(n)),))
    return 2 * n ** 3 / (j[key][0] / 1e3) / 1e9 if key in j else None


def target_figures(j, t):
    """The figures that carry a target, from one round: {row name: (callosum, pytorch)}."""
    out = {"SGEMM n=1024": (sgemm_gflops(j, 1024), None)}
    for g in t.get("gemm", []):
        if g["n"] == 1024 and g["threads"] == t["meta"].get("requested_threads", 2):
            out["SGEMM n=1024"] = (out["SGEMM n=1024"][0], g["gflops"])
    for m in ("simplenet", "resnet18"):
        out[f"SplitBrain-{m} train step"] = (train_img_s(j, m), t[m]["train_img_s"] if m in t else None)
    return out


def apply_rounds(lines, rounds):
    """Replaces each target row's figures by the medians over the rounds and records every round."""
    for line in lines:
        key = next((k for k in rounds[0] if line["what"].startswith(k)), None)
        if key is None:
            continue
        per = []
        for r in rounds:
            ours, theirs = r.get(key, (None, None))
            if ours is None:
                continue
            if theirs is None:  # SGEMM's PyTorch figure is measured in the first round only
                theirs = rounds[0][key][1]
            per.append({"callosum": ours, "pytorch": theirs, "ratio": ours / theirs if theirs else None})
        if not per:
            continue
        line["rounds"] = per
        line["callosum"] = statistics.median(p["callosum"] for p in per)
        line["pytorch"] = statistics.median(p["pytorch"] for p in per if p["pytorch"] is not None)
        ratios = [p["ratio"] for p in per if p["ratio"] is not None]
        line["ratio"] = statistics.median(ratios) if ratios else None


def main(jmh_path, torch_path, out_json, out_md, *later):
    if len(later) % 2:
        sys.exit("compare.py: later rounds come in pairs of JMH.json TORCH.json")
    j = jmh_rows(jmh_path)
    t = json.load(open(torch_path))
    lines = []  # (what, callosum, pytorch, unit, ratio, target)

    def add(what, ours, theirs, unit, higher_better=True, target=None):
        ratio = None
        if ours is not None and theirs:
            ratio = ours / theirs if higher_better else theirs / ours
        lines.append({"what": what, "callosum": ours, "pytorch": theirs, "unit": unit, "ratio": ratio, "target": target})

    for g in t.get("gemm", []):
        if g["threads"] != t["meta"].get("requested_threads", 2):
            continue
        key = ("GemmBenchmark.sgemm", (("n", str(g["n"])),))
        ours = 2 * g["n"] ** 3 / (j[key][0] / 1e3) / 1e9 if key in j else None
        add(f"SGEMM n={g['n']} ({g['threads']} threads)", ours, g["gflops"], "GFLOP/s",
            target="≥ 350 GFLOP/s" if g["n"] == 1024 else None)
    for c in t.get("conv", []):
        layer = f"{c['cin']}-{c['cout']}-{c['hw']}"
        for kind, tk in (("forward", "fwd_ms"), ("forwardBackward", "fwdbwd_ms")):
            key = (f"ConvBenchmark.{kind}", (("layer", layer),))
            add(f"conv {c['layer']} {kind}", j[key][0] if key in j else None, c[tk], "ms", higher_better=False)
    for m, tgt in (("simplenet", "≥ 1.5× PyTorch"), ("resnet18", "≥ 1.2× PyTorch")):
        if m not in t:
            continue
        key = ("TrainStepBenchmark.trainStep", (("model", m),))
        ours = 64 / (j[key][0] / 1e3) if key in j else None
        add(f"SplitBrain-{m} train step (batch 64)", ours, t[m]["train_img_s"], "images/s", target=tgt)
        key = ("TrainStepBenchmark.evalForward", (("model", m),))
        ours = 64 / (j[key][0] / 1e3) if key in j else None
        add(f"SplitBrain-{m} eval forward (batch 64)", ours, t[m]["infer_img_s"], "images/s")
    if "lab" in t:
        key = ("LabTargetsBenchmark.labTargets", ())
        ours = 1024 / (j[key][0] / 1e3) if key in j else None
        add("RGB→Lab + 8× pool + quantize (96×96)", ours, t["lab"]["numpy_lab+quant_img_s"], "images/s", target="≥ 20 000 images/s")
    key = ("DataLoaderBenchmark.epoch", ())
    if key in j:
        add("data loader, synthetic 96×96, batch 64, 2 workers", 1024 / (j[key][0] / 1e3), None, "images/s")

    rounds = [target_figures(j, t)]
    for k in range(0, len(later), 2):
        rounds.append(target_figures(jmh_rows(later[k]), json.load(open(later[k + 1]))))
    apply_rounds(lines, rounds)

    json.dump({"torch_meta": t.get("meta"), "rounds": len(rounds), "rows": lines}, open(out_json, "w"), indent=1)
    with open(out_md, "w") as f:
        meta = t.get("meta", {})
        gemm_meta = t.get("gemm_meta", meta)
        f.write(f"PyTorch {meta.get('torch')} · threads {meta.get('torch_threads')} · SGEMM on OpenBLAS's "
                f"{gemm_meta.get('openblas_corename', '?')} kernel (OPENBLAS_CORETYPE "
                f"{(gemm_meta.get('env') or {}).get('OPENBLAS_CORETYPE') or 'unset'}) · CPU {meta.get('cpu_model', '?')}\n\n")
        if len(rounds) > 1:
            f.write(f"Rows with a target: median of {len(rounds)} rounds, callosum and PyTorch taking turns; "
                    "each round's callosum figure, PyTorch figure and ratio in the last column.\n\n")
        f.write("| benchmark | callosum | PyTorch | unit | callosum / PyTorch | target | rounds |\n"
                "|---|---:|---:|---|---:|---|---|\n")
        fmt = lambda v: "—" if v is None else (f"{v:,.1f}" if v < 1e4 else f"{v:,.0f}")
        times = lambda v: "—" if v is None else f"{v:.2f}×"
        for r in lines:
            per = "; ".join(f"{fmt(p['callosum'])} / {fmt(p['pytorch'])} = {times(p['ratio'])}"
                            for p in r.get("rounds", [])) if len(r.get("rounds", [])) > 1 else ""
            f.write(f"| {r['what']} | {fmt(r['callosum'])} | {fmt(r['pytorch'])} | {r['unit']} | {times(r['ratio'])} "
                    f"| {r['target'] or ''} | {per} |\n")


if __name__ == "__main__":
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
