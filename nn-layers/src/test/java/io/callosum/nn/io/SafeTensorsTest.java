package io.callosum.nn.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callosum.tensor.DType;
import io.callosum.tensor.Generator;
import io.callosum.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.callosum.nn.io.RawSafeTensors.concat;
import static io.callosum.nn.io.RawSafeTensors.littleEndianDoubles;
import static io.callosum.nn.io.RawSafeTensors.littleEndianFloats;
import static io.callosum.nn.io.RawSafeTensors.littleEndianLongs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static final float[] SPECIAL_FLOATS = {
            0f, -0f, 1f, -1.5f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MIN_NORMAL / 3, Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffc12345), Float.intBitsToFloat(0x7f800001), // NaN payloads
            (float) Math.PI, 1e-40f};

    // ------------------------------------------------------------------ round trips

    @Test
    void roundTripIsBitExactForEveryDtypeAndShape() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("special", Tensor.of(SPECIAL_FLOATS));
        in.put("ints", Tensor.of(new int[]{Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE, 123456789}, 2, 3));
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) allBytes[i] = (byte) i;
        in.put("bytes", Tensor.ofBytes(allBytes, 4, 8, 8));
        in.put("empty", Tensor.zeros(0));
        in.put("empty middle dim", Tensor.zeros(DType.INT32, 2, 0, 3));
        in.put("scalar", Tensor.scalar(-0.0));
        in.put("int scalar", Tensor.scalar(io.callosum.tensor.Device.CPU, DType.INT32, 7));
        in.put("layer1.0.conv1.weight", Tensor.randn(new Generator(3), 4, 3, 3, 3));
        in.put("naïve \"quoted\" ✓", Tensor.of(new float[]{1, 2}));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("note", "ünïcødé and \"quotes\"\nnewline");
        Path file = dir.resolve("all.safetensors");
        SafeTensors.write(file, in, meta);

        SafeTensors.Contents out = SafeTensors.read(file);
        assertEquals(List.copyOf(in.keySet()), List.copyOf(out.tensors().keySet()), "key order is file order is map order");
        assertEquals(meta, out.metadata());
        for (String k : in.keySet()) {
            Tensor a = in.get(k), b = out.tensors().get(k);
            assertArrayEquals(a.shape(), b.shape(), k);
            assertEquals(a.dtype(), b.dtype(), k);
            switch (a.dtype()) {
                case FLOAT32 -> assertArrayEquals(rawBits(a.toFloatArray()), rawBits(b.toFloatArray()), k);
                case INT32 -> assertArrayEquals(a.toIntArray(), b.toIntArray(), k);
                case UINT8 -> assertArrayEquals(a.toByteArray(), b.toByteArray(), k);
            }
        }
    }

    private static int[] rawBits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Float.floatToRawIntBits(v[i]);
        return out;
    }

    @Test
    void noTensorsAndNoMetadata() throws IOException {
        Path file = dir.resolve("nothing.safetensors");
        SafeTensors.write(file, Map.of(), null);
        SafeTensors.Contents c = SafeTensors.read(file);
        assertTrue(c.tensors().isEmpty());
        assertTrue(c.metadata().isEmpty());
        assertEquals(16, Files.size(file), "8-byte length + '{}' padded to 8");
    }

    @Test
    void writesTheLogicalOrderOfAView() throws IOException {
        Tensor t = Tensor.of(new float[]{1, 2, 3, 4, 5, 6}, 2, 3).transpose(0, 1);
        Path file = dir.resolve("view.safetensors");
        SafeTensors.write(file, Map.of("t", t), null);
        Tensor back = SafeTensors.read(file).tensors().get("t");
        assertArrayEquals(new int[]{3, 2}, back.shape());
        assertArrayEquals(new float[]{1, 4, 2, 5, 3, 6}, back.toFloatArray());
    }

    /** Checks the bytes against the format description with an independent JSON parser, not with our reader. */
    @Test
    void writerFollowsTheFormat() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("w", Tensor.of(new float[]{1.5f, -2f, 3.25f}, 3, 1));
        in.put("n", Tensor.of(new int[]{-7, 9}));
        in.put("m", Tensor.ofBytes(new byte[]{(byte) 200}, 1));
        Path file = dir.resolve("spec.safetensors");
        SafeTensors.write(file, in, Map.of("k", "v"));
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + n) % 8, "data starts 8-byte aligned");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals(header.strip(), header.substring(0, header.strip().length()), "padding is trailing spaces");
        assertTrue(header.substring(header.strip().length()).chars().allMatch(c -> c == ' '));
        JsonNode json = new ObjectMapper().readTree(header);
        assertEquals("v", json.get("__metadata__").get("k").asText());
        assertEquals("F32", json.get("w").get("dtype").asText());
        assertEquals("[3,1]", json.get("w").get("shape").toString());
        assertEquals("[0,12]", json.get("w").get("data_offsets").toString());
        assertEquals("I32", json.get("n").get("dtype").asText());
        assertEquals("[12,20]", json.get("n").get("data_offsets").toString());
        assertEquals("U8", json.get("m").get("dtype").asText());
        assertEquals("[20,21]", json.get("m").get("data_offsets").toString());
        byte[] data = Arrays.copyOfRange(bytes, (int) (8 + n), bytes.length);
        ByteBuffer expected = ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN);
        expected.putFloat(1.5f).putFloat(-2f).putFloat(3.25f).putInt(-7).putInt(9).put((byte) 200);
        assertArrayEquals(expected.array(), data);
    }

    /** A file built by hand (as PyTorch writes it: I64 counters, no padding, JSON order unlike data order). */
    @Test
    void readsAHandBuiltFileWithInt64AndFloat64() throws IOException {
        String header = "{\"b\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[8,16]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[16,32]},"
                + "\"__metadata__\":{\"format\":\"pt\"}}";
        byte[] data = concat(littleEndianFloats(0.5f, -3f), littleEndianLongs(3_000_000_000L - 2_999_999_000L),
                littleEndianDoubles(0.1, -1e300));
        Path file = RawSafeTensors.write(dir.resolve("torch.safetensors"), header, data);
        SafeTensors.Contents c = SafeTensors.read(file);
        assertEquals(List.of("a", "b", "d"), List.copyOf(c.tensors().keySet()), "data order");
        assertEquals(Map.of("format", "pt"), c.metadata());
        assertArrayEquals(new float[]{0.5f, -3f}, c.tensors().get("a").toFloatArray());
        Tensor b = c.tensors().get("b");
        assertEquals(DType.INT32, b.dtype());
        assertEquals(0, b.dim());
        assertArrayEquals(new int[]{1000}, b.toIntArray());
        Tensor d = c.tensors().get("d");
        assertEquals(DType.FLOAT32, d.dtype());
        assertArrayEquals(new float[]{0.1f, Float.NEGATIVE_INFINITY}, d.toFloatArray());
    }

    @Test
    void largeTensorsStreamThroughTheChunkBuffer() throws IOException {
        Tensor big = Tensor.randn(new Generator(11), 3, 700_001); // ~8.4 MB: several 1 MiB chunks and a partial one
        Path file = dir.resolve("big.safetensors");
        SafeTensors.write(file, Map.of("big", big, "tail", Tensor.of(new int[]{5})), null);
        SafeTensors.Contents c = SafeTensors.read(file);
        assertArrayEquals(rawBits(big.toFloatArray()), rawBits(c.tensors().get("big").toFloatArray()));
        assertArrayEquals(new int[]{5}, c.tensors().get("tail").toIntArray());
    }

    // ------------------------------------------------------------------ bad arguments to write

    @Test
    void writeRejectsBadArgumentsBeforeTouchingTheFile() throws IOException {
        Path file = dir.resolve("keep.safetensors");
        SafeTensors.write(file, Map.of("x", Tensor.of(new float[]{1})), null);
        byte[] before = Files.readAllBytes(file);
        Tensor closed = Tensor.of(new float[]{1, 2});
        closed.close();
        Map<String, Tensor> withNull = new LinkedHashMap<>();
        withNull.put("x", null);
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("k", null);
        List<Runnable> bad = List.of(
                () -> write(file, Map.of("__metadata__", Tensor.of(new float[]{1})), null),
                () -> write(file, withNull, null),
                () -> write(file, Map.of("c", closed), null),
                () -> write(file, Map.of("x", Tensor.of(new float[]{1})), nullValue));
        for (Runnable r : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listDir());
    }

    private static void write(Path file, Map<String, Tensor> tensors, Map<String, String> meta) {
        try {
            SafeTensors.write(file, tensors, meta);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    // ------------------------------------------------------------------ corrupt files

    private static final String A = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
    private static final String B = "\"b\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[8,11]}";
    private static final byte[] AB_DATA = concat(littleEndianFloats(1, 2), new byte[]{7, 8, 9});

    private static Arguments corrupt(String label, byte[] bytes, String expected, long offset) {
        return Arguments.of(label, bytes, expected, offset);
    }

    /** offset: the exact byte offset expected, or WITHIN_HEADER. */
    private static final long WITHIN_HEADER = -2;

    private static long dataStart(String header) {
        return 8 + header.getBytes(StandardCharsets.UTF_8).length;
    }

    static Stream<Arguments> corruptFiles() {
        String ab = "{" + A + "," + B + "}";
        byte[] valid = RawSafeTensors.bytes(ab, AB_DATA);
        byte[] badUtf8 = ("{\"a\u00e9\":1}").getBytes(StandardCharsets.UTF_8);
        badUtf8[4] = (byte) 0x28; // é is C3 A9 at [3,4]: C3 followed by '(' is malformed
        String overlap = "{" + A + ",\"b\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[4,7]}}";
        String gap = "{" + A + ",\"b\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[9,12]}}";
        String mismatch = "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}";
        String backwards = "{\"a\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[8,0]}}";
        String i64 = "{\"n\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}";
        return Stream.of(
                corrupt("empty file", new byte[0], "too short for the 8-byte header length", 0),
                corrupt("7 bytes", new byte[7], "too short", 0),
                corrupt("header length beyond the file", RawSafeTensors.bytes(1L << 40, ab.getBytes(StandardCharsets.UTF_8), AB_DATA),
                        "header length 1099511627776 is larger than the rest of the file", 0),
                corrupt("header length 2^64-1", RawSafeTensors.bytes(-1L, ab.getBytes(StandardCharsets.UTF_8), AB_DATA),
                        "header length 18446744073709551615 is larger", 0),
                corrupt("truncated JSON", RawSafeTensors.bytes("{\"a\":{\"dtype\":\"F32\",", new byte[0]), "header is not valid JSON", WITHIN_HEADER),
                corrupt("invalid UTF-8", RawSafeTensors.bytes(badUtf8.length, badUtf8, new byte[0]), "header is not valid UTF-8", 8 + 3),
                corrupt("NUL padding", RawSafeTensors.bytes("{" + A + "}\0\0\0", littleEndianFloats(1, 2)), "header is not valid JSON", WITHIN_HEADER),
                corrupt("not an object", RawSafeTensors.bytes("[1, 2]", new byte[0]), "header must be a JSON object", 8),
                corrupt("two objects", RawSafeTensors.bytes("{} {}", new byte[0]), "unexpected content after the header object", 8 + 3),
                corrupt("unknown dtype", RawSafeTensors.bytes("{\"a\":{\"dtype\":\"F33\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                        littleEndianFloats(1, 2)), "tensor 'a': unknown dtype 'F33'", 8 + 14),
                corrupt("unsupported dtype", RawSafeTensors.bytes("{\"a\":{\"dtype\":\"I16\",\"shape\":[4],\"data_offsets\":[0,8]}}",
                        littleEndianFloats(1, 2)), "dtype I16 is not supported", 8 + 14),
                corrupt("shape and offsets disagree", RawSafeTensors.bytes(mismatch, littleEndianFloats(1, 2)),
                        "shape [3] of F32 needs 12 bytes but the range holds 8", dataStart(mismatch)),
                corrupt("end before begin", RawSafeTensors.bytes(backwards, new byte[8]), "end is before begin", dataStart(backwards) + 8),
                corrupt("negative dimension", RawSafeTensors.bytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}",
                        littleEndianFloats(1, 2)), "shape must hold non-negative integers, found -2", WITHIN_HEADER),
                corrupt("fractional dimension", RawSafeTensors.bytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}",
                        littleEndianFloats(1, 2)), "non-negative integers, found 2.0", WITHIN_HEADER),
                corrupt("dimension above int", RawSafeTensors.bytes("{\"a\":{\"dtype\":\"U8\",\"shape\":[4294967296],\"data_offsets\":[0,8]}}",
                        new byte[8]), "dimension 4294967296 is too large", WITHIN_HEADER),
                corrupt("too many elements", RawSafeTensors.bytes("{\"a\":{\"dtype\":\"U8\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}",
                        new byte[8]), "has more than 2147483647 elements", WITHIN_HEADER),
                corrupt("overlapping tensors", RawSafeTensors.bytes(overlap, littleEndianFloats(1, 2)),
                        "tensor 'b' [4, 7] overlaps tensor 'a' [0, 8]", dataStart(overlap) + 4),
                corrupt("range past the end", RawSafeTensors.bytes(ab, Arrays.copyOf(AB_DATA, 10)),
                        "tensor 'b' with data_offsets [8, 11] reaches past the end of the file (the data region has 10 bytes)", dataStart(ab) + 8),
                corrupt("truncated file", Arrays.copyOf(valid, valid.length - 5), "tensor 'a' with data_offsets [0, 8] reaches past the end",
                        dataStart(ab)),
                corrupt("gap between tensors", RawSafeTensors.bytes(gap, new byte[12]), "data bytes [8, 9) belong to no tensor", dataStart(gap) + 8),
                corrupt("trailing garbage", concat(valid, new byte[]{1, 2, 3, 4, 5}), "5 bytes of trailing data after the last tensor",
                        dataStart(ab) + 11),
                corrupt("duplicate tensor", RawSafeTensors.bytes("{" + A + "," + A + "}", littleEndianFloats(1, 2)),
                        "Duplicate field 'a'", WITHIN_HEADER),
                corrupt("missing data_offsets", RawSafeTensors.bytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", littleEndianFloats(1, 2)),
                        "tensor 'a' lacks data_offsets", WITHIN_HEADER),
                corrupt("unknown field", RawSafeTensors.bytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"foo\":1}}",
                        littleEndianFloats(1, 2)), "tensor 'a' has an unknown field 'foo'", WITHIN_HEADER),
                corrupt("three offsets", RawSafeTensors.bytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,8]}}",
                        littleEndianFloats(1, 2)), "data_offsets must have exactly 2 entries", WITHIN_HEADER),
                corrupt("tensor entry not an object", RawSafeTensors.bytes("{\"a\":[0,8]}", new byte[0]),
                        "tensor 'a' must be an object with dtype, shape and data_offsets", 8 + 5),
                corrupt("metadata value not a string", RawSafeTensors.bytes("{\"__metadata__\":{\"step\":3}}", new byte[0]),
                        "__metadata__ entry 'step' must be a string", WITHIN_HEADER),
                corrupt("int64 beyond int32", RawSafeTensors.bytes(i64, littleEndianLongs(5, 1L << 40)),
                        "tensor 'n': I64 element 1 = 1099511627776 does not fit in int32", dataStart(i64) + 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void corruptFileFailsNamingFileProblemAndOffset(String label, byte[] bytes, String expected, long offset) throws IOException {
        Path file = Files.write(dir.resolve(label.replace(' ', '-') + ".safetensors"), bytes);
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
        assertEquals(file, e.file());
        if (offset == WITHIN_HEADER) {
            long headerEnd = 8 + ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertTrue(e.offset() >= 8 && e.offset() <= headerEnd, e.offset() + " within header: " + e.getMessage());
        } else {
            assertEquals(offset, e.offset(), e.getMessage());
        }
        assertTrue(e.getMessage().endsWith("(at byte " + e.offset() + ")"), e.getMessage());
    }

    @Test
    void headerLengthAboveTheLimitIsRefusedWithoutAllocating() throws IOException {
        Path file = dir.resolve("sparse.safetensors");
        long forged = SafeTensorsHeader.MAX_HEADER_BYTES + 1;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(forged + 100); // sparse: costs no disk
            f.write(littleEndianLongs(forged));
        }
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains("header length 100000001 exceeds the limit of 100000000 bytes"), e.getMessage());
    }

    @Test
    void missingFileAndDirectoryNameThePath() {
        Path missing = dir.resolve("missing.safetensors");
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        SafeTensorsFormatException d = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(dir));
        assertTrue(d.getMessage().contains("is a directory"), d.getMessage());
    }

    // ------------------------------------------------------------------ fuzzing

    /**
     * Seeded mutations of a valid file (byte flips anywhere or in the header, forged length fields, digits changed
     * inside the header, truncation, appended bytes): each read either loads cleanly or throws a
     * SafeTensorsFormatException naming the file — never another exception, an OutOfMemoryError or a hang.
     */
    @Test
    void fuzzedFilesLoadOrFailCleanly() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("conv.weight", Tensor.randn(new Generator(1), 4, 1, 3, 3));
        in.put("bn.num_batches_tracked", Tensor.scalar(io.callosum.tensor.Device.CPU, DType.INT32, 12));
        in.put("mask", Tensor.ofBytes(new byte[]{0, 1, 1, 0, 1}));
        in.put("empty", Tensor.zeros(0, 4));
        Path validFile = dir.resolve("valid.safetensors");
        Map<String, String> meta = new LinkedHashMap<>(); // ordered, so the valid file (and every mutation) is the same each run
        meta.put("format", "callosum-checkpoint");
        meta.put("step", "12");
        SafeTensors.write(validFile, in, meta);
        byte[] valid = Files.readAllBytes(validFile);
        int headerEnd = (int) (8 + ByteBuffer.wrap(valid, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
        int inputs = 500;
        int[] outcomes = new int[2]; // loaded, rejected
        Generator g = new Generator(20240611);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < inputs; i++) {
                byte[] bytes = mutate(valid, headerEnd, g);
                Path file = Files.write(dir.resolve("fuzz-" + i + ".safetensors"), bytes);
                try {
                    SafeTensors.Contents c = SafeTensors.read(file);
                    for (Tensor t : c.tensors().values()) {
                        assertEquals(io.callosum.tensor.Shape.numel(t.shape()), t.numel());
                        t.close();
                    }
                    outcomes[0]++;
                } catch (SafeTensorsFormatException e) {
                    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
                    outcomes[1]++;
                } catch (IOException e) {
                    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
                    outcomes[1]++;
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("input " + i + " (" + bytes.length + " bytes): undocumented " + e, e);
                }
                Files.delete(file);
            }
        });
        System.out.printf("safetensors fuzz: %d mutated inputs, %d loaded, %d rejected with SafeTensorsFormatException%n",
                inputs, outcomes[0], outcomes[1]);
        assertEquals(inputs, outcomes[0] + outcomes[1]);
        assertTrue(outcomes[1] > inputs / 4, "most mutations should be caught: " + outcomes[1]);
    }

    private static byte[] mutate(byte[] valid, int headerEnd, Generator g) {
        byte[] b = valid.clone();
        switch (g.nextInt(6)) {
            case 0 -> { // flips anywhere
                for (int k = 1 + g.nextInt(8); k > 0; k--) b[g.nextInt(b.length)] ^= (byte) (1 + g.nextInt(255));
            }
            case 1 -> { // flips inside the length field and header
                for (int k = 1 + g.nextInt(4); k > 0; k--) b[g.nextInt(headerEnd)] ^= (byte) (1 + g.nextInt(255));
            }
            case 2 -> { // a forged length field
                long[] forged = {0, 1, headerEnd - 9, headerEnd - 7, b.length, b.length - 7, Long.MIN_VALUE, -1, 1L << 31, g.nextLong()};
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, forged[g.nextInt(forged.length)]);
            }
            case 3 -> { // a digit of a shape or offset changed: still valid JSON, wrong numbers
                List<Integer> digits = new ArrayList<>();
                for (int i = 8; i < headerEnd; i++) if (b[i] >= '0' && b[i] <= '9') digits.add(i);
                b[digits.get(g.nextInt(digits.size()))] = (byte) ('0' + g.nextInt(10));
            }
            case 4 -> b = Arrays.copyOf(b, g.nextInt(b.length));
            default -> {
                byte[] longer = Arrays.copyOf(b, b.length + 1 + g.nextInt(64));
                for (int k = b.length; k < longer.length; k++) longer[k] = (byte) g.nextInt(256);
                b = longer;
            }
        }
        return b;
    }

    @Test
    void contentsMetadataIsReadOnly() throws IOException {
        Path file = dir.resolve("m.safetensors");
        SafeTensors.write(file, Map.of(), Map.of("a", "1"));
        Map<String, String> meta = SafeTensors.read(file).metadata();
        assertThrows(UnsupportedOperationException.class, () -> meta.put("b", "2"));
        Iterator<String> it = meta.keySet().iterator();
        assertEquals("a", it.next());
        assertFalse(it.hasNext());
    }
}
