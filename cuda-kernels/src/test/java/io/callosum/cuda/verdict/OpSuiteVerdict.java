package io.callosum.cuda.verdict;

import io.callosum.cuda.CudaBackend;
import io.callosum.tensor.Backends;
import io.callosum.tensor.Device;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs test packages through the JUnit Platform Launcher (each class once, unlike the console launcher's class-path
 * scan, which also finds the classes in the test jar) and prints one verdict row per op family: passed, failed,
 * skipped. Extension autodetection is on, so CudaSuiteCondition turns an unusable device into one skip reason per
 * class instead of every parameterised test failing for want of arguments. Row format, shared with the benchmarks'
 * VerdictRow: {@code VERDICT<TAB>section<TAB>item<TAB>PASS|FAIL|INFO|SKIP<TAB>value<TAB>detail}.
 *
 * <p>{@code OpSuiteVerdict <section> <vendor: true|false> <package> [<package> ...]}; the device comes from
 * {@code -Dcallosum.test.devices}. On cuda a family with no passed test fails (the GPU was expected to run it), and a
 * "probe" row checks that cuBLAS and cuDNN are in use exactly when vendor libraries are switched on.
 */
public final class OpSuiteVerdict {
    private static final int FAILURES_SHOWN = 40;

    private OpSuiteVerdict() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: OpSuiteVerdict <section> <vendor: true|false> <package> [<package> ...]");
            System.exit(2);
        }
        String section = args[0];
        boolean vendor = Boolean.parseBoolean(args[1]);
        String devices = System.getProperty("callosum.test.devices", "cpu,cpu-scalar,cuda");
        boolean onCuda = devices.contains("cuda");

        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .filters(ClassNameFilter.includeClassNamePatterns(".*Test"),
                        // checks of the repository's sources (doc comments, layering): no device in them, and the
                        // device tree carries neither the sources nor a compiler
                        ClassNameFilter.excludeClassNamePatterns(".*\\.DocCommentsTest", ".*\\.LayeringTest"))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true");
        for (int i = 2; i < args.length; i++) request.selectors(DiscoverySelectors.selectPackage(args[i]));
        LauncherDiscoveryRequest built = request.build();

        Tally tally = new Tally();
        LauncherFactory.create().execute(built, tally);

        boolean failed = false;
        if (tally.families.isEmpty()) {
            row(section, "all", "FAIL", "no tests", "no test class found in " + String.join(", ", List.of(args).subList(2, args.length)));
            failed = true;
        }
        for (Map.Entry<String, FamilyTally> e : tally.families.entrySet()) {
            FamilyTally t = e.getValue();
            String status = t.failed > 0 || (onCuda && t.passed == 0) ? "FAIL" : t.passed == 0 ? "SKIP" : "PASS";
            String detail = t.failed > 0 ? "first failure: " + t.firstFailure : t.skipped > 0 ? "first skip: " + t.firstSkip : "";
            row(section, e.getKey(), status, t.counts(), detail);
            failed |= status.equals("FAIL");
        }
        if (onCuda) failed |= !probeRow(section, vendor);
        System.exit(failed ? 1 : 0);
    }

    /** cuBLAS and cuDNN must be in use with vendor libraries on (a missing library fails) and unused with them off. */
    private static boolean probeRow(String section, boolean vendor) {
        if (!Backends.isAvailable("cuda")) {
            row(section, "probe", "FAIL", "no cuda", Backends.provider("cuda").unavailableReason());
            return false;
        }
        CudaBackend cuda = (CudaBackend) Backends.get(Device.parse("cuda:0"));
        boolean ok = cuda.usesCublas() == vendor && cuda.usesCudnn() == vendor;
        row(section, "probe", ok ? "PASS" : "FAIL", "cuBLAS " + (cuda.usesCublas() ? "on" : "off") + ", cuDNN " + (cuda.usesCudnn() ? "on" : "off"),
                "expected " + (vendor ? "on" : "off") + "; " + cuda.describe().replace('\n', ' ').replace('\t', ' '));
        return ok;
    }

    private static void row(String section, String item, String status, String value, String detail) {
        System.out.println(String.join("\t", "VERDICT", section, item, status, value, detail.replace('\n', ' ').replace('\t', ' ')));
        System.out.flush();
    }

    /** Counts results per family and prints the first failures with their messages. */
    private static final class Tally implements TestExecutionListener {
        final Map<String, FamilyTally> families = new TreeMap<>();
        private TestPlan plan;
        private final List<String> shown = new ArrayList<>();

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            family(id).ifPresent(f -> f.skip(reason));
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Optional<FamilyTally> f = family(id);
            if (f.isEmpty()) return;
            String message = result.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).orElse("");
            switch (result.getStatus()) {
                case SUCCESSFUL -> {
                    if (id.isTest()) f.get().passed++;
                }
                case ABORTED -> f.get().skip(id.getDisplayName() + ": " + message);
                case FAILED -> {
                    String what = path(id) + ": " + message;
                    f.get().fail(what);
                    if (shown.size() < FAILURES_SHOWN) {
                        shown.add(what);
                        System.out.println("FAILED " + what);
                        result.getThrowable().ifPresent(t -> t.printStackTrace(System.out));
                    }
                }
            }
        }

        /** The family of the class the identifier belongs to; empty for the engine and other class-less nodes. */
        private Optional<FamilyTally> family(TestIdentifier id) {
            return className(id).map(c -> families.computeIfAbsent(OpFamilies.of(c), k -> new FamilyTally()));
        }

        private Optional<String> className(TestIdentifier id) {
            for (Optional<TestIdentifier> cur = Optional.of(id); cur.isPresent(); cur = plan.getParent(cur.get())) {
                Optional<TestSource> s = cur.get().getSource();
                if (s.isPresent() && s.get() instanceof MethodSource m) return Optional.of(m.getClassName());
                if (s.isPresent() && s.get() instanceof ClassSource c) return Optional.of(c.getClassName());
            }
            return Optional.empty();
        }

        private String path(TestIdentifier id) {
            List<String> names = new ArrayList<>();
            for (Optional<TestIdentifier> cur = Optional.of(id); cur.isPresent() && cur.get().getParentId().isPresent(); cur = plan.getParent(cur.get())) {
                names.add(0, cur.get().getDisplayName());
            }
            return String.join(" > ", names);
        }
    }
}
