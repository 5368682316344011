#!/usr/bin/env python3
"""PyTorch's images/s for the SplitBrain training steps that gpu-test.sh times in callosum (TrainThroughput).

The models are torch_ref.py's (imported, not copied), which match splitbrain-model's Architecture layer for layer;
the recipe is TrainStepBenchmark's: N(0, 1) 3x96x96 inputs, channel 0 to half A and 1-2 to half B, random
100-class targets on the 12x12 grid, CE(A) + CE(B), SGD lr 0.01 momentum 0.9. Warm-up steps, then timed steps
with one synchronisation at the end, as on our side. cuDNN autotuning stays at PyTorch's default (off).

Prints one gpu-test.sh verdict row per measurement (VERDICT, section, item, status, value, detail; tab-separated).
The precision label is the TF32 setting ("tf32" = torch.backends.cuda.matmul.allow_tf32 and
torch.backends.cudnn.allow_tf32 on, "fp32" = both off), matching ours (-Dcallosum.cuda.tf32).

  gpu_ref.py --device cuda --models simplenet,resnet18 --batches 64,256 --tf32 off,on --warmup 5 --steps 20
"""
import argparse
import os
import sys
import time

SECTION = "throughput-torch"


def row(item, status, value, detail):
    print("\t".join(("VERDICT", SECTION, item, status, value, detail.replace("\t", " ").replace("\n", " "))), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--models", default="simplenet,resnet18")
    ap.add_argument("--batches", default="64,256")
    ap.add_argument("--tf32", default="off,on", help="TF32 settings to time, in order")
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--require-torch", action="store_true", help="a missing PyTorch fails instead of skipping")
    a = ap.parse_args()
    try:
        import torch
        import torch.nn.functional as F
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from torch_ref import SplitBrain, resnet18_half, simple_half
    except ImportError as e:
        row("pytorch", "FAIL" if a.require_torch else "SKIP", "not run", f"{sys.executable} cannot import PyTorch and torch_ref.py's models: {e}")
        return 1 if a.require_torch else 0

    halves = {"simplenet": simple_half, "resnet18": resnet18_half}
    device = torch.device(a.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        row("pytorch", "FAIL", "not run", f"torch {torch.__version__}: CUDA not available")
        return 1
    gpu = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"

    def sync():
        if device.type == "cuda":
            torch.cuda.synchronize(device)

    for setting in a.tf32.split(","):
        on = {"on": True, "off": False}[setting]
        torch.backends.cuda.matmul.allow_tf32 = on
        torch.backends.cudnn.allow_tf32 = on
        for name in a.models.split(","):
            for n in (int(b) for b in a.batches.split(",")):
                torch.manual_seed(0)
                model = SplitBrain(halves[name], 100).to(device).train()
                x = torch.randn(n, 3, 96, 96, device=device)
                xa, xb = x[:, :1].contiguous(), x[:, 1:].contiguous()
                ta = torch.randint(0, 100, (n, 12, 12), device=device)
                tb = torch.randint(0, 100, (n, 12, 12), device=device)
                opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

                def step():
                    opt.zero_grad(set_to_none=True)
                    loss = F.cross_entropy(model.a(xa), ta) + F.cross_entropy(model.b(xb), tb)
                    loss.backward()
                    opt.step()

                for _ in range(a.warmup):
                    step()
                sync()
                t0 = time.perf_counter()
                for _ in range(a.steps):
                    step()
                sync()
                seconds = time.perf_counter() - t0
                row(f"{name} b{n} {'tf32' if on else 'fp32'}", "INFO", f"{n * a.steps / seconds:.1f} img/s",
                    f"torch {torch.__version__} on {gpu}, {a.steps} timed steps after {a.warmup} warm-up, {seconds:.2f} s")
                del model, opt, x, xa, xb, ta, tb
    return 0


if __name__ == "__main__":
    sys.exit(main())
