#!/usr/bin/python3
"""Joins a JMH JSON result and a torch_ref.py JSON result into one JSON and one Markdown table with ratios.

usage: compare.py JMH.json TORCH.json OUT.json OUT.md   (ratio > 1 means callosum is faster)
"""
import json
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


def main(jmh_path, torch_path, out_json, out_md):
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

    json.dump({"torch_meta": t.get("meta"), "rows": lines}, open(out_json, "w"), indent=1)
    with open(out_md, "w") as f:
        meta = t.get("meta", {})
        f.write(f"PyTorch {meta.get('torch')} · threads {meta.get('torch_threads')} · OpenBLAS core "
                f"{(meta.get('env') or {}).get('OPENBLAS_CORETYPE', 'auto')} · CPU {meta.get('cpu_model', '?')}\n\n")
        f.write("| benchmark | callosum | PyTorch | unit | callosum / PyTorch | target |\n|---|---:|---:|---|---:|---|\n")
        for r in lines:
            fmt = lambda v: "—" if v is None else (f"{v:,.1f}" if v < 1e4 else f"{v:,.0f}")
            ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f}×"
            f.write(f"| {r['what']} | {fmt(r['callosum'])} | {fmt(r['pytorch'])} | {r['unit']} | {ratio} | {r['target'] or ''} |\n")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
