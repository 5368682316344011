package io.callosum.cuda.testing;

import io.callosum.tensor.testing.DeviceCase;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tensor-core's op suite (scanned from its test-jar) in this module only when a device listed in
 * {@code callosum.test.devices} (here: cuda) is usable, and otherwise skips each suite class with the reason — printed
 * once on the console too. Without this, every parameterised test would see zero devices, and JUnit 5.10 fails a
 * {@code @ParameterizedTest} whose source yields no arguments ("You must configure at least one set of arguments");
 * 5.10 has no switch to allow that ({@code allowZeroInvocations} arrived in 5.12). Registered through
 * META-INF/services with junit.jupiter.extensions.autodetection.enabled set by surefire.
 */
public final class CudaSuiteCondition implements ExecutionCondition {
    private static final AtomicBoolean PRINTED = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestClass().isEmpty() || context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("decided per class");
        }
        if (context.getRequiredTestClass().getPackageName().startsWith("io.callosum.cuda")) {
            return ConditionEvaluationResult.enabled("cuda-kernels' own tests (GPU-independent, or with their own assumptions)");
        }
        String spec = System.getProperty("callosum.test.devices", "cpu,cpu-scalar,cuda");
        List<String> reasons = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String d = raw.trim();
            if (d.isEmpty()) continue;
            if (d.equals("cpu") || d.equals("cpu-scalar")) return ConditionEvaluationResult.enabled(d + " is always available");
            String type = io.callosum.tensor.Device.parse(d).type();
            String why = DeviceCase.unavailable(type);
            if (why == null) return ConditionEvaluationResult.enabled(d + " is available");
            reasons.add(d + ": " + why);
        }
        String reason = "shared op suite skipped (callosum.test.devices=" + spec + "): " + String.join("; ", reasons);
        if (PRINTED.compareAndSet(false, true)) System.out.println("[callosum tests] " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }
}
