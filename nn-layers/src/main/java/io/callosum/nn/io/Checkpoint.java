package io.callosum.nn.io;

import io.callosum.nn.Module;
import io.callosum.nn.StateDictException;
import io.callosum.nn.optim.Optimizer;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Scope;
import io.callosum.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Training checkpoints and weight files, as safetensors.
 *
 * <p>A checkpoint ({@link #save}/{@link #load}) is one file holding everything a run needs to continue exactly:
 * the model's parameters and buffers under {@code model.<name>}, the optimizer's per-parameter state under
 * {@code optim.<index>.<key>}, and in the metadata the step, epoch, optimizer class, learning rate and step count,
 * the random generator's state (base64) and the caller's own entries. Loading checks all of it — format, version,
 * every shape, the optimizer class, the generator state — before changing anything, so a failed load leaves model,
 * optimizer and generator as they were.
 *
 * <p>A weight file ({@link #saveWeights}/{@link #loadWeights}) holds only the model's state dict under its plain
 * PyTorch names ({@code 0.weight}, {@code layer1.0.bn1.running_mean}): the file {@code safetensors.torch.load_file}
 * reads and {@code save_file(model.state_dict())} writes.
 */
public final class Checkpoint {
    /** The metadata value that marks a file as a callosum checkpoint. */
    public static final String FORMAT = "callosum-checkpoint";
    /** The checkpoint layout version this build writes and reads. */
    public static final String VERSION = "1";

    static final String MODEL = "model.", OPTIM = "optim.", EXTRA = "extra.";
    private static final String KEY_FORMAT = "format", KEY_VERSION = "version", KEY_STEP = "step", KEY_EPOCH = "epoch",
            KEY_OPTIMIZER = "optimizer", KEY_LR = "optimizer.lr", KEY_OPT_STEPS = "optimizer.steps", KEY_RNG = "rng";

    private Checkpoint() {
    }

    /** What a checkpoint says about the run besides the state it restores. */
    public record Info(long step, int epoch, Map<String, String> extra) {
    }

    /** A checkpoint's tensors and metadata, before they are written. */
    record Encoded(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    // ------------------------------------------------------------------ full checkpoints

    /**
     * Saves a checkpoint atomically (the previous file survives a crash). The optimizer and the generator may be
     * null; {@code extra} (may be null) holds the caller's own string entries, returned by {@link #load}.
     */
    public static void save(Path file, Module model, Optimizer optimizer, long step, int epoch, Generator rng,
                            Map<String, String> extra) throws IOException {
        Encoded e = encode(model, optimizer, step, epoch, rng, extra);
        SafeTensors.write(file, e.tensors(), e.metadata());
    }

    static Encoded encode(Module model, Optimizer optimizer, long step, int epoch, Generator rng, Map<String, String> extra) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, t) -> tensors.put(MODEL + k, t));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(KEY_FORMAT, FORMAT);
        meta.put(KEY_VERSION, VERSION);
        meta.put(KEY_STEP, Long.toString(step));
        meta.put(KEY_EPOCH, Integer.toString(epoch));
        if (optimizer != null) {
            optimizer.stateDict().forEach((k, t) -> tensors.put(OPTIM + k, t));
            meta.put(KEY_OPTIMIZER, optimizer.getClass().getName());
            meta.put(KEY_LR, Double.toString(optimizer.lr())); // Double.toString round-trips exactly
            meta.put(KEY_OPT_STEPS, Long.toString(optimizer.steps()));
        }
        if (rng != null) meta.put(KEY_RNG, Base64.getEncoder().encodeToString(rng.saveState()));
        if (extra != null) extra.forEach((k, v) -> meta.put(EXTRA + k, v));
        return new Encoded(tensors, meta);
    }

    /**
     * Restores a checkpoint into the model and, when not null, the optimizer (which must be of the saved class) and
     * the generator (the file must then hold their state). Everything is checked first; on any problem a
     * {@link SafeTensorsFormatException} (unreadable file) or {@link CheckpointException} (content does not fit;
     * {@link NonFiniteTensorException} for NaN/Inf state) is thrown and nothing has been changed.
     */
    public static Info load(Path file, Module model, Optimizer optimizer, Generator rng) throws IOException {
        return load(file, model, optimizer, rng, null);
    }

    /** Checks a checkpoint's own entries before {@link #load} writes anything. */
    @FunctionalInterface
    public interface ExtraCheck {
        /** Throws (a {@link CheckpointException} or any runtime exception) when the entries do not fit. */
        void check(Info info) throws CheckpointException;
    }

    /**
     * {@link #load(Path, Module, Optimizer, Generator)}, with the caller's check of the entries it saved (e.g. a
     * trainer's counters) run after every other check and before anything is written: if it throws, model,
     * optimizer and generator are unchanged.
     */
    public static Info load(Path file, Module model, Optimizer optimizer, Generator rng, ExtraCheck check) throws IOException {
        try (Scope scope = Scope.open()) { // frees the file's tensors once they are copied in
            SafeTensors.Contents c = SafeTensors.read(file);
            Map<String, String> meta = c.metadata();
            checkFormat(file, meta);
            long step = parseLong(file, meta, KEY_STEP);
            int epoch = Math.toIntExact(parseLong(file, meta, KEY_EPOCH, Integer.MIN_VALUE, Integer.MAX_VALUE));

            Map<String, Tensor> modelState = new LinkedHashMap<>(), optimState = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
                String k = e.getKey();
                if (k.startsWith(MODEL)) modelState.put(k.substring(MODEL.length()), e.getValue());
                else if (k.startsWith(OPTIM)) optimState.put(k.substring(OPTIM.length()), e.getValue());
                else throw new CheckpointException(file, "unexpected tensor '" + k + "' (checkpoint keys start with model. or optim.)");
            }
            try {
                model.checkStateDict(modelState, true);
            } catch (StateDictException e) {
                throw new CheckpointException(file, "model state does not fit: " + e.getMessage(), e);
            }
            FiniteCheck.requireFinite(file, MODEL, modelState);
            double lr = 0;
            long optimizerSteps = 0;
            if (optimizer != null) {
                String saved = meta.get(KEY_OPTIMIZER);
                if (saved == null) {
                    throw new CheckpointException(file, "holds no optimizer state; pass a null optimizer to load only the model");
                }
                if (!saved.equals(optimizer.getClass().getName())) {
                    throw new CheckpointException(file, "was saved with optimizer " + saved + ", cannot restore into " + optimizer.getClass().getName());
                }
                lr = parseDouble(file, meta, KEY_LR);
                optimizerSteps = parseLong(file, meta, KEY_OPT_STEPS, 0, Long.MAX_VALUE);
                try {
                    optimizer.checkStateDict(optimState);
                } catch (IllegalArgumentException e) {
                    throw new CheckpointException(file, "optimizer state does not fit: " + e.getMessage(), e);
                }
                FiniteCheck.requireFinite(file, OPTIM, optimState);
            }
            byte[] rngState = rng == null ? null : rngState(file, meta);
            Info info = new Info(step, epoch, extra(meta));
            if (check != null) {
                try {
                    check.check(info);
                } catch (RuntimeException e) {
                    throw new CheckpointException(file, "its entries do not fit: " + e.getMessage(), e);
                }
            }

            // everything checked: from here on nothing can fail on the file's account
            model.loadStateDict(modelState, true);
            if (optimizer != null) {
                optimizer.loadStateDict(optimState, optimizerSteps);
                optimizer.setLr(lr);
            }
            if (rng != null) rng.restoreState(rngState);
            return info;
        }
    }

    private static void checkFormat(Path file, Map<String, String> meta) throws CheckpointException {
        String format = meta.get(KEY_FORMAT);
        if (!FORMAT.equals(format)) {
            throw new CheckpointException(file, "is not a callosum checkpoint (metadata format is "
                    + (format == null ? "missing" : "'" + format + "'") + "); use Checkpoint.loadWeights for a plain weight file");
        }
        String version = meta.get(KEY_VERSION);
        if (!VERSION.equals(version)) {
            throw new CheckpointException(file, "has checkpoint version " + version + "; this library reads version " + VERSION);
        }
    }

    private static byte[] rngState(Path file, Map<String, String> meta) throws CheckpointException {
        String encoded = meta.get(KEY_RNG);
        if (encoded == null) throw new CheckpointException(file, "holds no generator state; pass a null generator to skip it");
        try {
            byte[] state = Base64.getDecoder().decode(encoded);
            new Generator(0).restoreState(state); // proves the state restores, on a scratch generator
            return state;
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "generator state in metadata '" + KEY_RNG + "' is invalid: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> extra(Map<String, String> meta) {
        Map<String, String> out = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith(EXTRA)) out.put(k.substring(EXTRA.length()), v);
        });
        return Collections.unmodifiableMap(out);
    }

    private static String required(Path file, Map<String, String> meta, String key) throws CheckpointException {
        String v = meta.get(key);
        if (v == null) throw new CheckpointException(file, "metadata lacks '" + key + "'");
        return v;
    }

    private static long parseLong(Path file, Map<String, String> meta, String key) throws CheckpointException {
        return parseLong(file, meta, key, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static long parseLong(Path file, Map<String, String> meta, String key, long min, long max) throws CheckpointException {
        String v = required(file, meta, key);
        try {
            long x = Long.parseLong(v);
            if (x < min || x > max) throw new NumberFormatException("out of range [" + min + ", " + max + "]");
            return x;
        } catch (NumberFormatException e) {
            throw new CheckpointException(file, "metadata '" + key + "' = '" + v + "' is not a valid integer (" + e.getMessage() + ")", e);
        }
    }

    private static double parseDouble(Path file, Map<String, String> meta, String key) throws CheckpointException {
        String v = required(file, meta, key);
        try {
            double x = Double.parseDouble(v);
            if (!(x >= 0) || Double.isInfinite(x)) throw new NumberFormatException("must be finite and >= 0");
            return x;
        } catch (NumberFormatException e) {
            throw new CheckpointException(file, "metadata '" + key + "' = '" + v + "' is not a valid learning rate (" + e.getMessage() + ")", e);
        }
    }

    // ------------------------------------------------------------------ plain weight files (PyTorch interchange)

    /** Writes the model's state dict under its PyTorch names, atomically. */
    public static void saveWeights(Path file, Module model) throws IOException {
        // "format": "pt" is the marker Hugging Face loaders look for in PyTorch weight files
        SafeTensors.write(file, model.stateDict(), Map.of(KEY_FORMAT, "pt"));
    }

    /** Strict {@link #loadWeights(Path, Module, boolean)}. */
    public static void loadWeights(Path file, Module model) throws IOException {
        loadWeights(file, model, true);
    }

    /**
     * Loads a weight file (PyTorch names, e.g. from {@code save_file(model.state_dict())}) or the model part of a
     * callosum checkpoint. Strict loading rejects missing and unexpected names; both modes reject shape mismatches.
     * All-or-nothing: on failure the model is unchanged.
     */
    public static void loadWeights(Path file, Module model, boolean strict) throws IOException {
        try (Scope scope = Scope.open()) {
            SafeTensors.Contents c = SafeTensors.read(file);
            Map<String, Tensor> state = c.tensors();
            if (FORMAT.equals(c.metadata().get(KEY_FORMAT))) {
                state = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
                    if (e.getKey().startsWith(MODEL)) state.put(e.getKey().substring(MODEL.length()), e.getValue());
                }
            }
            FiniteCheck.requireFinite(file, "", state);
            try {
                model.loadStateDict(state, strict);
            } catch (StateDictException e) {
                throw new CheckpointException(file, "weights do not fit the model: " + e.getMessage(), e);
            }
        }
    }
}
