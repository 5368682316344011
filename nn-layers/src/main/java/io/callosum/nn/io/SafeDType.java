package io.callosum.nn.io;

import io.callosum.tensor.DType;

import java.util.Set;

/**
 * The safetensors element types callosum reads, with the tensor dtype each loads as. F16 and BF16 (most published
 * weights) widen to FLOAT32 exactly; I64 (PyTorch's {@code num_batches_tracked}) and F64 are narrowed on load;
 * callosum writes only F32, I32 and U8.
 */
enum SafeDType {
    F32(4, DType.FLOAT32),
    I32(4, DType.INT32),
    U8(1, DType.UINT8),
    I64(8, DType.INT32),
    F64(8, DType.FLOAT32),
    F16(2, DType.FLOAT32),
    BF16(2, DType.FLOAT32);

    /** Types of the format that callosum has no tensor type for (named in the error, unlike a misspelt type). */
    static final Set<String> UNSUPPORTED = Set.of("BOOL", "I8", "I16", "U16", "U32", "U64",
            "F8_E4M3", "F8_E5M2", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64");

    final int itemSize;
    final DType loadsAs;

    SafeDType(int itemSize, DType loadsAs) {
        this.itemSize = itemSize;
        this.loadsAs = loadsAs;
    }

    static SafeDType of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> F32;
            case INT32 -> I32;
            case UINT8 -> U8;
            case FLOAT64 -> throw new IllegalArgumentException("safetensors: float64 tensors are not written (callosum writes F32, I32 and U8);"
                    + " convert with .to(DType.FLOAT32), or save float64 data with Npy.write");
        };
    }
}
