import io.callosum.splitbrain.data.SyntheticColorDataset;
import io.callosum.splitbrain.eval.*;
import io.callosum.splitbrain.model.*;
import io.callosum.splitbrain.targets.*;
import io.callosum.splitbrain.train.*;
import io.callosum.tensor.*;
import java.util.*;

/** The supervised ceiling: fine-tunes a random SplitBrain-SimpleNet with labels, then probes its layers. Args: labelled epochs. */
public class SupervisedCeiling {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]), epochs = Integer.parseInt(args[1]);
        ChannelSplit split = ChannelSplit.of(ColorSpace.LAB, false);
        SplitBrainNet net = new SplitBrainNet(Architecture.SIMPLENET, split, new Generator(5));
        var lab = SyntheticColorDataset.standard(n, 77, true);
        var train = SyntheticColorDataset.standard(1000, 2, true);
        var test = SyntheticColorDataset.standard(1000, 3, true);
        var b = new io.callosum.splitbrain.config.Budget("adam", 1e-3, 0.5, 1e-4, 64, epochs, 0);
        var r = FineTuner.run(net, split, lab, test, b, 0, io.callosum.splitbrain.config.Placement.CPU, new TrainListener() {
            public void onEpoch(String phase, int epoch, double meanLoss, double seconds, double ips) {
                System.out.printf("epoch %d loss %.4f %.0fs%n", epoch, meanLoss, seconds);
            }
        });
        System.out.printf("supervised test top1 %.3f%n", r.accuracy().top1());
        var cfg = LinearProbe.Config.builder().epochs(40).batchSize(250).build();
        var src = new SplitBrainFeatures("sup", net, split, Device.CPU);
        FeatureSet tr = FeatureSet.extract(src, train, 100, 2), te = FeatureSet.extract(src, test, 100, 2);
        List<Integer> ca = net.halfA().probeChannels(), cb = net.halfB().probeChannels();
        for (int l = 0; l < tr.layers().size(); l++) {
            Tensor x = tr.layer(l), y = te.layer(l);
            int d = x.size(1), c = ca.get(l) + cb.get(l), per = d / c, da = ca.get(l) * per;
            Accuracy both = LinearProbe.fitAndEvaluate(x, tr.labels(), y, te.labels(), 10, cfg);
            Accuracy a = LinearProbe.fitAndEvaluate(x.narrow(1, 0, da).contiguous(), tr.labels(), y.narrow(1, 0, da).contiguous(), te.labels(), 10, cfg);
            System.out.printf("sup %s both %.3f  A %.3f%n", tr.layers().get(l), both.top1(), a.top1());
        }
    }
}
