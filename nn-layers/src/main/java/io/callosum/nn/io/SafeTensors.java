package io.callosum.nn.io;

import io.callosum.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a UTF-8 JSON header naming each
 * tensor's dtype, shape and byte range (plus optional string metadata under {@code __metadata__}), then the raw
 * little-endian data. Files interchange with PyTorch ({@code safetensors.torch}) and NumPy.
 *
 * <p>Writes are atomic (see {@link AtomicFile}): a crash leaves either the old file or the new one. Reads check the
 * whole file before trusting it — bad length, invalid JSON, unknown dtype, a byte range that does not match its
 * shape, ranges that overlap, leave gaps or run past the end, trailing bytes, duplicate names — and fail with a
 * {@link SafeTensorsFormatException} naming the file, the problem and the byte offset.
 */
public final class SafeTensors {
    private SafeTensors() {
    }

    /** The tensors of a file (CPU, in file order) and its metadata. */
    public record Contents(LinkedHashMap<String, Tensor> tensors, Map<String, String> metadata) {
        /** Keeps an unmodifiable copy of the metadata. */
        public Contents {
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /**
     * Writes the tensors (FLOAT32 as F32, INT32 as I32, UINT8 as U8; any device, any strides) in map order, with
     * optional string metadata (may be null). Replaces an existing file atomically.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        SafeTensorsWriter.Plan plan = SafeTensorsWriter.plan(file, tensors, metadata);
        AtomicFile.write(file, out -> SafeTensorsWriter.write(out, plan));
    }

    /**
     * Reads every tensor into CPU memory. F32, I32 and U8 load as FLOAT32, INT32 and UINT8; half-precision F16 and
     * BF16 load as FLOAT32, exactly (every half value is a float, subnormals, infinities and NaN included), so
     * published half-precision weights load without a conversion step; I64 loads as INT32 (values outside its range
     * are an error) and F64 as FLOAT32 (rounded to nearest, magnitudes beyond float's range becoming infinite).
     */
    public static Contents read(Path file) throws IOException {
        return SafeTensorsReader.read(file);
    }
}
