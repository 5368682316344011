import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

/**
 * Times each phase of the SplitBrain-ResNet18 convolutions at batch 64 (forward; input gradient; weight gradient)
 * and prints GFLOP/s per phase, so a change to the convolution path can be judged layer by layer.
 * Usage: ConvPhases [reps]  (shapes: cin-cout-kernel-stride-inputHW, those of torch_ref.py's resnet18_half)
 */
public class ConvPhases {
    static final String[] LAYERS = {"1-32-7-2-96", "32-32-3-1-24", "32-64-3-2-24", "32-64-1-2-24", "64-64-3-1-12",
            "64-128-3-1-12", "128-128-3-1-12", "128-256-3-1-12", "256-256-3-1-12", "256-100-1-1-12"};

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        measure(2, false);      // warm-up pass over every shape, so that the first layers are not timed while compiling
        measure(reps, true);
    }

    static void measure(int reps, boolean print) {
        Generator g = new Generator(0);
        double total = 0;
        for (String layer : LAYERS) {
            String[] p = layer.split("-");
            int cin = Integer.parseInt(p[0]), cout = Integer.parseInt(p[1]), k = Integer.parseInt(p[2]);
            int s = Integer.parseInt(p[3]), hw = Integer.parseInt(p[4]), pad = k / 2;
            Tensor x = Tensor.randn(g, 64, cin, hw, hw), w = Tensor.randn(g, cout, cin, k, k).mul(0.1);
            int ohw = (hw + 2 * pad - k) / s + 1;
            Tensor gy = Tensor.randn(g, 64, cout, ohw, ohw);
            double flop = 2.0 * 64 * cout * cin * k * k * ohw * ohw;
            double fwd = time(reps, () -> {
                try (Grad.Guard ng = Grad.disabled(); Scope sc = Scope.open()) {
                    Functional.conv2d(x, w, null, s, pad);
                }
            });
            Tensor wg = w.detach().requiresGrad(true), xg = x.detach().requiresGrad(true);
            double withW = time(reps, () -> {
                wg.zeroGrad();
                try (Scope sc = Scope.open()) {
                    Functional.conv2d(x, wg, null, s, pad).backward(gy);
                }
            });
            double withX = time(reps, () -> {
                xg.zeroGrad();
                try (Scope sc = Scope.open()) {
                    Functional.conv2d(xg, w, null, s, pad).backward(gy);
                }
            });
            double bw = withW - fwd, bx = withX - fwd;
            total += fwd + bw + bx;
            if (!print) continue;
            System.out.printf("%-16s fwd %7.1f ms %6.0f GF/s | dW %7.1f ms %6.0f GF/s | dX %7.1f ms %6.0f GF/s%n",
                    layer, fwd, flop / fwd / 1e6, bw, flop / bw / 1e6, bx, flop / bx / 1e6);
        }
        if (print) System.out.printf("sum of phases (each layer once): %.1f ms%n", total);
    }

    static double time(int reps, Runnable r) {
        for (int i = 0; i < 2; i++) r.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }
}
