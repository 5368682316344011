import io.callosum.nn.optim.SGD;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.model.SplitBrainNet;
import io.callosum.splitbrain.targets.ChannelSplit;
import io.callosum.splitbrain.targets.ColorSpace;
import io.callosum.tensor.DType;
import io.callosum.tensor.Functional;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Grad;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;
import io.callosum.tensor.cpu.runtime.CpuSettings;

/**
 * The CPU's Winograd path against the direct (im2col + GEMM) path in one JVM, alternating run by run so that both
 * see the same machine load: per 3×3 layer shape (SplitBrain-ResNet18's by default, others with
 * {@code -Dlayers=cin-cout-size,…}) at batch 64 (forward; forward + both gradients), then whole training steps of a
 * model exactly as TrainStepBenchmark runs them. With {@code tiles} as the third argument it compares Winograd's two
 * tile sizes instead, F(4×4, 3×3) as A and F(6×6, 3×3) as B.
 * Usage: WinogradAB [reps] [model] [paths|tiles]   (model: resnet18 or simplenet; default 5 resnet18 paths)
 */
public class WinogradAB {
    static final String[] LAYERS = System.getProperty("layers",
            "32-32-24,64-64-12,64-128-12,128-128-12,128-256-12,256-256-12").split(",");
    static boolean tiles;
    static String nameA = "direct", nameB = "Winograd";

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String model = args.length > 1 ? args[1] : "resnet18";
        tiles = args.length > 2 && args[2].equals("tiles");
        if (tiles) {
            nameA = "F(4×4)";
            nameB = "F(6×6)";
        }
        Generator g = new Generator(0);
        layers(2, false, g);           // every shape once through both paths first, so that none is timed while compiling
        System.out.printf("layer (cin-cout-size)   %-8s fwd / fwd+bwd ms   %-8s fwd / fwd+bwd ms   speed-up%n", nameA,
                nameB);
        layers(reps, true, g);
        steps(model, 4 + 2 * reps, g);
        use(true);
        CpuSettings.setWinogradTile(0);
    }

    /** Path or tile B when {@code b}, else A. */
    static void use(boolean b) {
        if (tiles) CpuSettings.setWinogradTile(b ? 6 : 4);
        else CpuSettings.setWinograd(b);
    }

    static void layers(int reps, boolean print, Generator g) {
        for (String layer : LAYERS) {
            String[] p = layer.split("-");
            int cin = Integer.parseInt(p[0]), cout = Integer.parseInt(p[1]), hw = Integer.parseInt(p[2]);
            Tensor x = Tensor.randn(g, 64, cin, hw, hw).requiresGrad(true);
            Tensor w = Tensor.randn(g, cout, cin, 3, 3).mul(0.1).detach().requiresGrad(true);
            Tensor gy = Tensor.randn(g, 64, cout, hw, hw);
            double[][] best = {{1e9, 1e9}, {1e9, 1e9}};
            for (int r = 0; r < reps; r++) {
                for (int on = 0; on < 2; on++) {
                    use(on == 1);
                    long t0 = System.nanoTime();
                    try (Grad.Guard ng = Grad.disabled(); Scope sc = Scope.open()) {
                        Functional.conv2d(x, w, null, 1, 1);
                    }
                    long t1 = System.nanoTime();
                    x.zeroGrad();
                    w.zeroGrad();
                    try (Scope sc = Scope.open()) {
                        Functional.conv2d(x, w, null, 1, 1).backward(gy);
                    }
                    long t2 = System.nanoTime();
                    best[on][0] = Math.min(best[on][0], (t1 - t0) / 1e6);
                    best[on][1] = Math.min(best[on][1], (t2 - t1) / 1e6);
                }
            }
            if (!print) continue;
            System.out.printf("%-22s  %8.1f / %7.1f          %8.1f / %7.1f          %.2f×%s%n", layer, best[0][0],
                    best[0][1], best[1][0], best[1][1], best[0][1] / best[1][1],
                    // WinogradConv's rule: the harmonic mean of the channel counts must reach 64
                    2.0 * cin * cout / (cin + cout) < 64 ? "  (too few channels: direct both times)" : "");
        }
    }

    /** Training steps alternating between the paths (the first four are warm-up); best and mean of each. */
    static void steps(String model, int count, Generator g) {
        SplitBrainNet net = new SplitBrainNet(Architecture.parse(model), ChannelSplit.of(ColorSpace.LAB, false), g);
        SGD opt = SGD.builder(net.parameters()).lr(0.01).momentum(0.9).build();
        Tensor x = Tensor.randn(g, 64, 3, 96, 96);
        Tensor a = x.narrow(1, 0, 1).contiguous(), b = x.narrow(1, 1, 2).contiguous();
        Tensor ta = Tensor.randint(g, 100, 64, 12, 12).to(DType.INT32);
        Tensor tb = Tensor.randint(g, 100, 64, 12, 12).to(DType.INT32);
        double[] best = {1e9, 1e9}, sum = new double[2];
        int[] n = new int[2];
        for (int i = 0; i < count; i++) {
            int on = i % 2;
            use(on == 1);
            long t0 = System.nanoTime();
            net.train();
            try (Scope s = Scope.open()) {
                opt.zeroGrad();
                SplitBrainNet.Logits l = net.predict(a, b);
                Functional.crossEntropy(l.a(), ta).add(Functional.crossEntropy(l.b(), tb)).backward();
                opt.step();
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            if (i < 4) continue;
            best[on] = Math.min(best[on], ms);
            sum[on] += ms;
            n[on]++;
        }
        System.out.printf("%s training step, batch 64: %s best %.0f ms, mean %.0f | %s best %.0f ms, mean %.0f"
                + " | speed-up %.2f× (best), %.2f× (mean)%n", model, nameA, best[0], sum[0] / n[0], nameB, best[1],
                sum[1] / n[1], best[0] / best[1], sum[0] / n[0] * n[1] / sum[1]);
    }
}
