package io.callosum.nn.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.callosum.tensor.Shape;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file: {@code {"name": {"dtype", "shape", "data_offsets": [begin, end]}, …,
 * "__metadata__": {string: string}}}. Parsing checks the header completely — schema, dtypes, that each byte range
 * matches its shape, and that the ranges tile the data region exactly — so the reader allocates only for ranges
 * known to lie inside the file. Errors carry the file offset of the offending token or byte range.
 */
final class SafeTensorsHeader {
    static final String METADATA_KEY = "__metadata__";
    /** The 8-byte little-endian header length that opens the file. */
    static final int LENGTH_FIELD_BYTES = 8;
    /** Largest header accepted (the reference implementation's limit): a forged length must not allocate gigabytes. */
    static final long MAX_HEADER_BYTES = 100_000_000;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** One tensor: its dtype and shape as stored, and its byte range relative to the start of the data region. */
    record Entry(String name, SafeDType dtype, int[] shape, long begin, long end) {
        int numel() {
            return Shape.numel(shape);
        }

        long byteLength() {
            return end - begin;
        }
    }

    private final List<Entry> entries;
    private final Map<String, String> metadata;

    private SafeTensorsHeader(List<Entry> entries, Map<String, String> metadata) {
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Entries in data order (ascending offsets), which is the order a writer laid them out. */
    List<Entry> entries() {
        return entries;
    }

    Map<String, String> metadata() {
        return metadata;
    }

    // ------------------------------------------------------------------ reading

    /** Parses and checks a header of {@code json.length} bytes that is followed by {@code dataLength} bytes of data. */
    static SafeTensorsHeader parse(Path file, byte[] json, long dataLength) throws SafeTensorsFormatException {
        checkUtf8(file, json);
        Parser p = new Parser(file);
        try (JsonParser in = JSON.createParser(json)) {
            SafeTensorsHeader h = p.header(in);
            checkLayout(file, h.entries, LENGTH_FIELD_BYTES + (long) json.length, dataLength);
            return h;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            long offset = at == null || at.getByteOffset() < 0 ? LENGTH_FIELD_BYTES : LENGTH_FIELD_BYTES + at.getByteOffset();
            throw new SafeTensorsFormatException(file, offset, "header is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (SafeTensorsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new SafeTensorsFormatException(file, LENGTH_FIELD_BYTES, "cannot parse the header: " + e.getMessage(), e);
        }
    }

    private static void checkUtf8(Path file, byte[] json) throws SafeTensorsFormatException {
        ByteBuffer in = ByteBuffer.wrap(json);
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in);
        } catch (CharacterCodingException e) {
            throw new SafeTensorsFormatException(file, LENGTH_FIELD_BYTES + in.position(), "header is not valid UTF-8");
        }
    }

    /** A streaming reader of the header schema; every error names the byte offset of the token at fault. */
    private static final class Parser {
        private final Path file;

        Parser(Path file) {
            this.file = file;
        }

        SafeTensorsHeader header(JsonParser in) throws IOException {
            if (in.nextToken() != JsonToken.START_OBJECT) throw error(in, "header must be a JSON object");
            List<Entry> entries = new ArrayList<>();
            Map<String, String> metadata = Map.of();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                in.nextToken();
                if (name.equals(METADATA_KEY)) metadata = metadata(in);
                else entries.add(entry(in, name));
            }
            if (in.nextToken() != null) throw error(in, "unexpected content after the header object");
            return new SafeTensorsHeader(entries, metadata);
        }

        private Map<String, String> metadata(JsonParser in) throws IOException {
            if (in.currentToken() != JsonToken.START_OBJECT) throw error(in, METADATA_KEY + " must be an object of strings");
            Map<String, String> out = new LinkedHashMap<>();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String key = in.currentName();
                if (in.nextToken() != JsonToken.VALUE_STRING) {
                    throw error(in, METADATA_KEY + " entry '" + key + "' must be a string, found " + in.currentToken());
                }
                out.put(key, in.getText());
            }
            return out;
        }

        private Entry entry(JsonParser in, String name) throws IOException {
            String what = "tensor '" + name + "'";
            if (in.currentToken() != JsonToken.START_OBJECT) throw error(in, what + " must be an object with dtype, shape and data_offsets");
            SafeDType dtype = null;
            int[] shape = null;
            long[] offsets = null;
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                in.nextToken();
                switch (field) {
                    case "dtype" -> dtype = dtype(in, what);
                    case "shape" -> shape = shape(in, what);
                    case "data_offsets" -> offsets = offsets(in, what);
                    default -> throw error(in, what + " has an unknown field '" + field + "'");
                }
            }
            if (dtype == null || shape == null || offsets == null) {
                throw error(in, what + " lacks " + (dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
            }
            return new Entry(name, dtype, shape, offsets[0], offsets[1]);
        }

        private SafeDType dtype(JsonParser in, String what) throws IOException {
            if (in.currentToken() != JsonToken.VALUE_STRING) throw error(in, what + ": dtype must be a string");
            String s = in.getText();
            for (SafeDType d : SafeDType.values()) if (d.name().equals(s)) return d;
            if (SafeDType.UNSUPPORTED.contains(s)) {
                throw error(in, what + ": dtype " + s + " is not supported (callosum reads " + Arrays.toString(SafeDType.values()) + ")");
            }
            throw error(in, what + ": unknown dtype '" + s + "'");
        }

        private int[] shape(JsonParser in, String what) throws IOException {
            if (in.currentToken() != JsonToken.START_ARRAY) throw error(in, what + ": shape must be an array of non-negative integers");
            List<Integer> dims = new ArrayList<>();
            long numel = 1;
            while (in.nextToken() != JsonToken.END_ARRAY) {
                long d = nonNegativeInteger(in, what + ": shape");
                if (d > Integer.MAX_VALUE) throw error(in, what + ": dimension " + d + " is too large");
                dims.add((int) d);
                numel = Math.min(numel * d, 1L << 31); // saturating: both factors are at most 2^31, so this cannot overflow
            }
            if (numel > Integer.MAX_VALUE) {
                throw error(in, what + ": shape " + dims + " has more than " + Integer.MAX_VALUE + " elements");
            }
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        private long[] offsets(JsonParser in, String what) throws IOException {
            if (in.currentToken() != JsonToken.START_ARRAY) throw error(in, what + ": data_offsets must be [begin, end]");
            long[] out = new long[2];
            int n = 0;
            while (in.nextToken() != JsonToken.END_ARRAY) {
                long v = nonNegativeInteger(in, what + ": data_offsets");
                if (n == 2) throw error(in, what + ": data_offsets must have exactly 2 entries");
                out[n++] = v;
            }
            if (n != 2) throw error(in, what + ": data_offsets must have exactly 2 entries, found " + n);
            return out;
        }

        private long nonNegativeInteger(JsonParser in, String what) throws IOException {
            if (in.currentToken() != JsonToken.VALUE_NUMBER_INT || in.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || in.getLongValue() < 0) {
                throw error(in, what + " must hold non-negative integers, found " + in.getText());
            }
            return in.getLongValue();
        }

        private SafeTensorsFormatException error(JsonParser in, String problem) {
            long at = in.currentTokenLocation().getByteOffset();
            return new SafeTensorsFormatException(file, at < 0 ? LENGTH_FIELD_BYTES : LENGTH_FIELD_BYTES + at, problem);
        }
    }

    /** Each range must match its shape and the ranges must tile [0, dataLength) without gaps or overlaps. */
    private static void checkLayout(Path file, List<Entry> entries, long dataStart, long dataLength) throws SafeTensorsFormatException {
        for (Entry e : entries) {
            String what = "tensor '" + e.name() + "' with data_offsets [" + e.begin() + ", " + e.end() + "]";
            if (e.end() < e.begin()) throw new SafeTensorsFormatException(file, dataStart + e.begin(), what + ": end is before begin");
            long need = (long) e.numel() * e.dtype().itemSize;
            if (e.byteLength() != need) {
                throw new SafeTensorsFormatException(file, dataStart + e.begin(), what + ": shape " + Shape.str(e.shape()) + " of "
                        + e.dtype() + " needs " + need + " bytes but the range holds " + e.byteLength());
            }
            if (e.end() > dataLength) {
                throw new SafeTensorsFormatException(file, dataStart + e.begin(), what + " reaches past the end of the file (the data region has "
                        + dataLength + " bytes)");
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : entries) {
            if (e.begin() < covered) {
                throw new SafeTensorsFormatException(file, dataStart + e.begin(), "tensor '" + e.name() + "' [" + e.begin() + ", " + e.end()
                        + "] overlaps tensor '" + previous.name() + "' [" + previous.begin() + ", " + previous.end() + "]");
            }
            if (e.begin() > covered) {
                throw new SafeTensorsFormatException(file, dataStart + covered, "data bytes [" + covered + ", " + e.begin()
                        + ") belong to no tensor");
            }
            covered = e.end();
            previous = e;
        }
        if (covered < dataLength) {
            throw new SafeTensorsFormatException(file, dataStart + covered, (dataLength - covered)
                    + " bytes of trailing data after the last tensor");
        }
    }

    // ------------------------------------------------------------------ writing

    /** The header as written: UTF-8 JSON padded with spaces so the data region starts 8-byte aligned. */
    static byte[] encode(List<Entry> entries, Map<String, String> metadata) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            if (!metadata.isEmpty()) {
                out.writeObjectFieldStart(METADATA_KEY);
                for (Map.Entry<String, String> m : metadata.entrySet()) out.writeStringField(m.getKey(), m.getValue());
                out.writeEndObject();
            }
            for (Entry e : entries) {
                out.writeObjectFieldStart(e.name());
                out.writeStringField("dtype", e.dtype().name());
                out.writeArrayFieldStart("shape");
                for (int d : e.shape()) out.writeNumber(d);
                out.writeEndArray();
                out.writeArrayFieldStart("data_offsets");
                out.writeNumber(e.begin());
                out.writeNumber(e.end());
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("safetensors: cannot encode the header in memory", e);
        }
        while (bytes.size() % 8 != 0) bytes.write(' ');
        return bytes.toByteArray();
    }
}
