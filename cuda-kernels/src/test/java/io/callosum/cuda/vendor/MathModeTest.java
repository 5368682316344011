package io.callosum.cuda.vendor;

import jcuda.jcublas.cublasMath;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the TF32 setting asks of each library's handle or descriptor. */
class MathModeTest {
    @Test
    void cublasUsesTf32TensorOpMathOnlyWhenAsked() {
        assertEquals(cublasMath.CUBLAS_TF32_TENSOR_OP_MATH, Cublas.mathMode(true));
        assertEquals(cublasMath.CUBLAS_DEFAULT_MATH, Cublas.mathMode(false));
        assertEquals(3, Cublas.mathMode(true), "cublas_api.h: CUBLAS_TF32_TENSOR_OP_MATH = 3");
        assertEquals(0, Cublas.mathMode(false));
    }

    @Test
    void cudnnUsesFmaMathUnlessTf32IsOn() {
        assertEquals(3, Cudnn.mathType(false), "cudnn: CUDNN_FMA_MATH = 3, no tensor-core rounding");
        assertEquals(0, Cudnn.mathType(true), "CUDNN_DEFAULT_MATH = 0 lets float32 convolutions use TF32");
    }
}
