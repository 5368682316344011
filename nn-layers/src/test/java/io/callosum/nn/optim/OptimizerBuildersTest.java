package io.callosum.nn.optim;

import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static io.callosum.nn.optim.OptimizerTest.adamReference;
import static io.callosum.nn.optim.OptimizerTest.assertClose;
import static io.callosum.nn.optim.OptimizerTest.run;
import static io.callosum.nn.optim.OptimizerTest.sgdReference;
import static org.junit.jupiter.api.Assertions.*;

/** The optimizer builders' defaults are PyTorch's, every setter refuses a bad value naming it, and the kinds build what they say. */
class OptimizerBuildersTest {
    private static List<Tensor> params() {
        return List.of(Tensor.ones(2).requiresGrad(true));
    }

    private static void fails(String expected, Executable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void defaultsArePyTorchs() {
        assertClose(sgdReference(1e-3, 0, 0, 0, false), run(ps -> SGD.builder(ps).build()));
        assertClose(adamReference(1e-3, 0.9, 0.999, 1e-8, 0, false), run(ps -> Adam.builder(ps).build()));
        assertClose(adamReference(1e-3, 0.9, 0.999, 1e-8, 0.01, true), run(ps -> AdamW.builder(ps).build()));
        assertClose(adamReference(2e-2, 0.9, 0.999, 1e-8, 0, false), run(ps -> new Adam(ps, 2e-2)));
    }

    @Test
    void badValuesFailNamingOptimizerSettingAndValue() {
        fails("SGD: learning rate must be in [0.0", () -> SGD.builder(params()).lr(-0.1));
        fails("SGD: momentum must be in [0.0, 1.0], got 1.5", () -> SGD.builder(params()).momentum(1.5));
        fails("SGD: dampening must be in [0.0, 1.0], got -1.0", () -> SGD.builder(params()).dampening(-1));
        fails("SGD: weight decay must be in [0.0", () -> SGD.builder(params()).weightDecay(Double.NaN));
        fails("SGD: Nesterov momentum requires momentum > 0 and zero dampening, got momentum=0.9, dampening=0.1",
                () -> SGD.builder(params()).momentum(0.9).dampening(0.1).nesterov(true).build());
        fails("Adam: beta1 must be in", () -> Adam.builder(params()).betas(1.0, 0.999));
        fails("AdamW: beta2 must be in", () -> AdamW.builder(params()).betas(0.9, -0.5));
        fails("AdamW: eps must be in", () -> AdamW.builder(params()).eps(-1e-8));
        fails("Adam: weight decay must be in", () -> Adam.builder(params()).weightDecay(-1));
        fails("Adam: empty parameter list", () -> Adam.builder(List.of()).build());
    }

    @Test
    void kindsParseByNameAndBuildTheirOptimizer() {
        assertEquals(OptimizerKind.ADAM, OptimizerKind.parse("adam"));
        assertEquals(OptimizerKind.ADAMW, OptimizerKind.parse(" AdamW "));
        assertEquals(OptimizerKind.SGD, OptimizerKind.parse("SGD"));
        assertEquals("adamw", OptimizerKind.ADAMW.id());
        fails("unknown optimizer 'rmsprop': expected one of adam, adamw, sgd", () -> OptimizerKind.parse("rmsprop"));
        fails("unknown optimizer 'null'", () -> OptimizerKind.parse(null));

        assertClose(adamReference(0.01, 0.9, 0.999, 1e-8, 0.1, false), run(ps -> OptimizerKind.ADAM.create(ps, 0.01, 0.1)));
        assertClose(adamReference(0.01, 0.9, 0.999, 1e-8, 0.1, true), run(ps -> OptimizerKind.ADAMW.create(ps, 0.01, 0.1)));
        assertClose(sgdReference(0.01, 0.9, 0, 1e-3, false), run(ps -> OptimizerKind.SGD.create(ps, 0.01, 1e-3)));
        assertInstanceOf(AdamW.class, OptimizerKind.ADAMW.create(params(), 0.1, 0));
    }
}
