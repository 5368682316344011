import io.callosum.splitbrain.data.SyntheticColorDataset;
import io.callosum.splitbrain.eval.*;
import io.callosum.splitbrain.model.*;
import io.callosum.splitbrain.targets.*;
import io.callosum.splitbrain.train.*;
import io.callosum.tensor.*;

import java.util.*;

/** Split-brain vs random init, linear probes per layer on both halves together and on each half alone. Args: unlabelled epochs lr decay optimizer [probeEpochs] [rebal]. */
public class ProbePerHalf {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]), epochs = Integer.parseInt(args[1]);
        double lr = Double.parseDouble(args[2]), decay = Double.parseDouble(args[3]);
        String opt = args[4];
        int probeEpochs = args.length > 5 ? Integer.parseInt(args[5]) : 40;
        boolean rebal = args.length > 6 && args[6].equals("rebal");
        long seed = 0;
        var pc = io.callosum.splitbrain.config.Preset.PAPER.config().withPretrain(new io.callosum.splitbrain.config.Budget(opt, lr, decay, 0, 64, epochs, 0))
                .withTargets(new io.callosum.splitbrain.config.TargetConfig(false, rebal));
        var placement = io.callosum.splitbrain.config.Placement.CPU;
        var unl = SyntheticColorDataset.standard(n, seed * 31 + 1, false);
        var train = SyntheticColorDataset.standard(1000, seed * 31 + 2, true);
        var test = SyntheticColorDataset.standard(1000, seed * 31 + 3, true);
        long t0 = System.nanoTime();
        Pretrainer pre = new Pretrainer(pc, placement);
        pre.train(unl, new TrainListener() {
            public void onEpoch(String phase, int epoch, double meanLoss, double seconds, double ips) {
                System.out.printf("epoch %d loss %.4f %.0fs %.1f img/s%n", epoch, meanLoss, seconds, ips);
            }
        }, null);
        System.out.printf("pretrain %.0f s%n", (System.nanoTime() - t0) / 1e9);
        ChannelSplit split = pre.split();
        SplitBrainNet random = new SplitBrainNet(pc.model().architecture(), split, new Generator(seed + 99));
        var cfg = LinearProbe.Config.builder().epochs(probeEpochs).batchSize(250).build();
        for (var src : List.of(new SplitBrainFeatures("sb", pre.net(), split, placement.device()), new SplitBrainFeatures("rnd", random, split, placement.device()))) {
            FeatureSet tr = FeatureSet.extract(src, train, 100, 2), te = FeatureSet.extract(src, test, 100, 2);
            List<Integer> ca = src.net().halfA().probeChannels(), cb = src.net().halfB().probeChannels();
            for (int l = 0; l < tr.layers().size(); l++) {
                Tensor x = tr.layer(l), y = te.layer(l);
                int d = x.size(1), c = ca.get(l) + cb.get(l), per = d / c, da = ca.get(l) * per;
                Accuracy both = LinearProbe.fitAndEvaluate(x, tr.labels(), y, te.labels(), 10, cfg);
                Accuracy a = LinearProbe.fitAndEvaluate(x.narrow(1, 0, da).contiguous(), tr.labels(), y.narrow(1, 0, da).contiguous(), te.labels(), 10, cfg);
                Accuracy b = LinearProbe.fitAndEvaluate(x.narrow(1, da, d - da).contiguous(), tr.labels(), y.narrow(1, da, d - da).contiguous(), te.labels(), 10, cfg);
                System.out.printf("%s %s d=%d both %.3f  A %.3f  B %.3f%n", src.name(), tr.layers().get(l), d, both.top1(), a.top1(), b.top1());
            }
        }
    }
}
