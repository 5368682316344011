package io.callosum.cuda.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PTX ISA version our kernels are written in, and whether a driver can JIT them: a driver loads PTX only up to the
 * ISA of the CUDA release it belongs to, and fails with CUDA_ERROR_UNSUPPORTED_PTX_VERSION (222) otherwise.
 */
public record PtxIsa(int major, int minor, String source) {
    /** The {@code ptx.properties} manifest key written by build-ptx.sh. */
    public static final String KEY = "ptx.isa";
    /** The class-path folder holding the kernels' PTX modules and their manifest. */
    public static final String RESOURCES = "io/callosum/cuda/kernels/";

    /** PTX ISA → the first CUDA release (as cuDriverGetVersion encodes it) whose driver accepts it, per NVIDIA's PTX ISA notes. */
    static final Map<String, Integer> MINIMUM_DRIVER = Map.ofEntries(
            Map.entry("6.0", 9000), Map.entry("6.1", 9010), Map.entry("6.2", 9020), Map.entry("6.3", 10000),
            Map.entry("6.4", 10010), Map.entry("6.5", 10020), Map.entry("7.0", 11000), Map.entry("7.1", 11010),
            Map.entry("7.2", 11020), Map.entry("7.3", 11030), Map.entry("7.4", 11040), Map.entry("7.5", 11050),
            Map.entry("7.6", 11060), Map.entry("7.7", 11070), Map.entry("7.8", 11080), Map.entry("8.0", 12000),
            Map.entry("8.1", 12010), Map.entry("8.2", 12020), Map.entry("8.3", 12030), Map.entry("8.4", 12040),
            Map.entry("8.5", 12050), Map.entry("8.6", 12070), Map.entry("8.7", 12080), Map.entry("8.8", 12090),
            Map.entry("9.0", 13000));

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final Pattern PTX_VERSION_LINE = Pattern.compile("(?m)^\\s*\\.version\\s+(\\d+\\.\\d+)\\s*$");

    /** The ISA as written in PTX and in the manifest, e.g. "8.0". */
    public String version() {
        return major + "." + minor;
    }

    /** "8.0" → 8.0; empty for anything else. */
    public static Optional<PtxIsa> parse(String text, String source) {
        if (text == null) return Optional.empty();
        Matcher m = VERSION.matcher(text.trim());
        if (!m.matches()) return Optional.empty();
        return Optional.of(new PtxIsa(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), source));
    }

    /** The ISA of a PTX module, from its {@code .version} directive. */
    public static Optional<PtxIsa> fromPtx(String ptx, String module) {
        Matcher m = PTX_VERSION_LINE.matcher(ptx);
        return m.find() ? parse(m.group(1), ".version of " + module) : Optional.empty();
    }

    /**
     * The kernels' ISA: the manifest's {@code ptx.isa} key, else the {@code .version} line of the first module the
     * manifest lists (or elementwise.ptx). {@code open} maps a resource name under {@link #RESOURCES} to its bytes.
     */
    public static Optional<PtxIsa> find(Function<String, Optional<byte[]>> open) {
        Properties manifest = new Properties();
        Optional<byte[]> props = open.apply("ptx.properties");
        if (props.isPresent()) {
            try {
                manifest.load(new StringReader(new String(props.get(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        if (manifest.getProperty(KEY) != null) return parse(manifest.getProperty(KEY), "ptx.properties");
        String module = manifest.getProperty("modules", "elementwise").split(",")[0].trim();
        return open.apply(module + ".ptx").flatMap(b -> fromPtx(new String(b, StandardCharsets.US_ASCII), module + ".ptx"));
    }

    /** {@link #find} over this class's class loader. */
    public static Optional<PtxIsa> ofKernels() {
        return find(name -> {
            try (InputStream in = PtxIsa.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /** The oldest driver (cuDriverGetVersion encoding) that accepts this ISA; empty when the ISA is newer than the table. */
    public OptionalInt minimumDriver() {
        Integer v = MINIMUM_DRIVER.get(version());
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** Empty when a driver of this version can load the PTX, else the sentence saying why not. */
    public Optional<String> incompatibility(int driverVersion) {
        OptionalInt min = minimumDriver();
        if (min.isEmpty()) {
            return Optional.of("the kernels' PTX ISA " + version() + " is newer than every CUDA release this build knows; the driver may refuse it");
        }
        if (driverVersion >= min.getAsInt()) return Optional.empty();
        return Optional.of("driver CUDA " + ProbeLine.cudaVersion(driverVersion) + " is too old for the kernels' PTX ISA " + version()
                + " (needs a CUDA " + ProbeLine.cudaVersion(min.getAsInt()) + "+ driver): update the NVIDIA driver or rebuild the PTX for an older ISA");
    }
}
