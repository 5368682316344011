package io.callosum.tensor;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bad-input table of RELIABILITY.md: each call fails at once with a message naming the op and the shapes. */
class EntryPointValidationTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("negative dimension", (Executable) () -> Tensor.zeros(-1), "negative dimension in shape [-1]"),
                Arguments.of("int overflow of the element count", (Executable) () -> Tensor.zeros(65536, 65536), "has more than 2147483647 elements"),
                Arguments.of("view of a non-contiguous tensor", (Executable) () -> Tensor.zeros(3, 4).t().view(12), "is not contiguous; use reshape()"),
                Arguments.of("matmul inner mismatch", (Executable) () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)), "matmul: inner dimensions differ: [2, 3] @ [4, 5]"),
                Arguments.of("conv2d on a 3-d input", (Executable) () -> Functional.conv2d(Tensor.zeros(3, 8, 8), Tensor.zeros(4, 3, 3, 3), null), "conv2d: input must be 4-D"),
                Arguments.of("conv2d channel mismatch", (Executable) () -> Functional.conv2d(Tensor.zeros(1, 2, 8, 8), Tensor.zeros(4, 3, 3, 3), null), "has 2 channels but weight [4, 3, 3, 3] expects 3"),
                Arguments.of("class index out of range", (Executable) () -> Functional.crossEntropy(Tensor.zeros(2, 3), Tensor.of(new int[]{0, 5}, 2)), "target value 5 at flat position 1"),
                Arguments.of("reshape to a different size", (Executable) () -> Tensor.zeros(12).reshape(5), "reshape: shape [5] (5 elements) does not match 12"),
                Arguments.of("slice out of range", (Executable) () -> Tensor.zeros(4).narrow(0, 3, 2), "range [3, 5) is outside dimension 0 of size 4"),
                Arguments.of("shapes that do not broadcast", (Executable) () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)), "cannot be broadcast (dimension 1: 3 vs 4)"),
                Arguments.of("use after close", (Executable) () -> {
                    Tensor x = Tensor.zeros(1);
                    x.close();
                    x.item();
                }, "was closed"),
                Arguments.of("pool window larger than the input", (Executable) () -> Functional.maxPool2d(Tensor.zeros(1, 1, 2, 2), 3), "is too small for kernel [3, 3]"),
                Arguments.of("Lab of a one-channel image", (Executable) () -> Color.rgbToLab(Tensor.zeros(1, 1, 4, 4)), "rgbToLab: expects N×3×H×W"),
                Arguments.of("unknown device type", (Executable) () -> Tensor.zeros(2).to(Device.parse("gpu")), "no backend for device type 'gpu'"),
                Arguments.of("index out of range", (Executable) () -> Tensor.zeros(3, 2).indexSelect(0, Tensor.of(new int[]{5}, 1)), "index value 5 at flat position 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsClearly(String what, Executable call, String fragment) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertTrue(e.getMessage().contains(fragment), what + ": " + e.getMessage());
    }
}
