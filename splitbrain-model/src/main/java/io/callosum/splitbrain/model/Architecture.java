package io.callosum.splitbrain.model;

import io.callosum.nn.Module;
import io.callosum.nn.layers.BasicBlock;
import io.callosum.nn.layers.BatchNorm2d;
import io.callosum.nn.layers.Conv2d;
import io.callosum.nn.layers.MaxPool2d;
import io.callosum.nn.layers.ReLU;
import io.callosum.nn.layers.Sequential;
import io.callosum.tensor.Generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The three architectures (SimpleNet, ResNet18, FC-AlexNet), each building one half {@code half(Cin, Q)} that maps a
 * 96×96 input to Q logits on the 12×12 grid. Layer order and widths match {@code torch_ref.py} where it defines the
 * same model, so parameter counts and state-dict names agree with PyTorch.
 */
public enum Architecture {
    /** conv3×3 32/64/128/192 with BN+ReLU and three 2× max pools (≈ 0.67 M parameters for both halves). */
    SIMPLENET(8) {
        @Override
        Half build(int cin, int q, Generator g) {
            Builder b = new Builder();
            int[] widths = {32, 64, 128, 192};
            int c = cin;
            for (int i = 0; i < widths.length; i++) {
                b.convBnRelu(c, widths[i], 3, 1, 1, g, "conv" + (i + 1));
                if (i < 3) b.add(new MaxPool2d(2, 2, 0));
                c = widths[i];
            }
            return b.head(c, q, g);
        }
    },
    /** ResNet18 with widths 32, 64, 128, 256 per half, stage strides 1, 2, 1, 1 (96 → 24 → 12). */
    RESNET18(8) {
        @Override
        Half build(int cin, int q, Generator g) {
            Builder b = new Builder();
            b.convBnRelu(cin, 32, 7, 2, 3, g, "stem");
            b.add(new MaxPool2d(3, 2, 1));
            int[] widths = {32, 64, 128, 256}, strides = {1, 2, 1, 1};
            int c = 32;
            for (int s = 0; s < 4; s++) {
                b.block(new BasicBlock(c, widths[s], strides[s], g), widths[s], "layer" + (s + 1) + ".0");
                b.block(new BasicBlock(widths[s], widths[s], 1, g), widths[s], "layer" + (s + 1) + ".1");
                c = widths[s];
            }
            return b.head(c, q, g);
        }
    },
    /** FC-AlexNet: the paper's widths split in two (48, 128, 192, 192, 128), fc6/fc7 as 3×3 and 1×1 convs to 2048. */
    FC_ALEXNET(32) {
        @Override
        Half build(int cin, int q, Generator g) {
            Builder b = new Builder();
            b.convBnRelu(cin, 48, 11, 4, 5, g, "conv1");
            b.add(new MaxPool2d(3, 2, 1));
            b.convBnRelu(48, 128, 5, 1, 2, g, "conv2");
            b.convBnRelu(128, 192, 3, 1, 1, g, "conv3");
            b.convBnRelu(192, 192, 3, 1, 1, g, "conv4");
            b.convBnRelu(192, 128, 3, 1, 1, g, "conv5");
            b.convBnRelu(128, 2048, 3, 1, 1, g, "fc6");
            b.convBnRelu(2048, 2048, 1, 1, 0, g, "fc7");
            return b.head(2048, q, g);
        }
    };

    private final int minSize;

    Architecture(int minSize) {
        this.minSize = minSize;
    }

    abstract Half build(int cin, int q, Generator g);

    /** One half for Cin input channels and Q classes. */
    public Half half(int cin, int q, Generator g) {
        if (cin < 1 || q < 2) throw new IllegalArgumentException(label() + ": needs cin >= 1 and q >= 2, got cin=" + cin + ", q=" + q);
        return build(cin, q, g);
    }

    /** Smallest input side the architecture accepts (and inputs must be multiples of 8 for the targets). */
    public int minInputSize() {
        return minSize;
    }

    /** The name reports and logs show for this architecture. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The architecture named by a command-line or configuration string, ignoring case; fails listing the known names. */
    public static Architecture parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Architecture a : values()) if (a.name().equals(n)) return a;
        throw new IllegalArgumentException("unknown architecture '" + name + "': expected one of "
                + Arrays.toString(Arrays.stream(values()).map(Architecture::label).toArray()));
    }

    /** Collects the layers and remembers where the probe points are. */
    private static final class Builder {
        final Sequential body = new Sequential();
        final List<Integer> probeAfter = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<Integer> channels = new ArrayList<>();

        void add(Module m) {
            body.add(m);
        }

        void convBnRelu(int cin, int cout, int k, int stride, int pad, Generator g, String name) {
            body.add(Conv2d.builder(cin, cout, k).stride(stride).padding(pad).bias(false).generator(g).build());
            body.add(new BatchNorm2d(cout));
            body.add(new ReLU());
            probe(cout, name);
        }

        void block(Module block, int cout, String name) {
            body.add(block);
            probe(cout, name);
        }

        private void probe(int cout, String name) {
            probeAfter.add(body.size() - 1);
            names.add(name);
            channels.add(cout);
        }

        Half head(int c, int q, Generator g) {
            body.add(Conv2d.builder(c, q, 1).generator(g).build());
            return new Half(body, probeAfter, names, channels);
        }
    }
}
