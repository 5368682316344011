package io.callosum.tensor.npy;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0): element type code, byte order, memory
 * order and shape, parsed from and written as the Python dict literal the format specifies.
 */
record NpyHeader(String kind, int itemBytes, ByteOrder order, boolean fortranOrder, int[] shape, int dataOffset) {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern TYPE = Pattern.compile("([<>|=])([a-zA-Z])(\\d+)");

    long numel() {
        long n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    /** The type string without byte order, e.g. f4, i4, u1, b1. */
    String code() {
        return kind + itemBytes;
    }

    static NpyHeader parse(byte[] file, String source) {
        if (file.length < 10 || !Arrays.equals(Arrays.copyOf(file, 6), MAGIC)) {
            throw new IllegalArgumentException("npy: " + source + " does not start with the .npy magic string \\x93NUMPY");
        }
        int major = file[6] & 0xFF, minor = file[7] & 0xFF;
        int lenBytes;
        if (major == 1 && minor == 0) lenBytes = 2;
        else if ((major == 2 || major == 3) && minor == 0) lenBytes = 4;
        else throw new IllegalArgumentException("npy: " + source + " has format version " + major + "." + minor + "; supported are 1.0, 2.0 and 3.0");
        if (file.length < 8 + lenBytes) throw new IllegalArgumentException("npy: " + source + " ends inside its header");
        long headerLen = 0;
        for (int i = lenBytes - 1; i >= 0; i--) headerLen = (headerLen << 8) | (file[8 + i] & 0xFF);
        long dataOffset = 8 + lenBytes + headerLen;
        if (dataOffset > file.length) {
            throw new IllegalArgumentException("npy: " + source + " declares a " + headerLen + "-byte header but holds " + file.length + " bytes");
        }
        String dict = new String(file, 8 + lenBytes, (int) headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(dict), f = FORTRAN.matcher(dict), s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IllegalArgumentException("npy: " + source + " header lacks 'descr', 'fortran_order' or 'shape', or has a structured dtype: " + dict.strip());
        }
        Matcher t = TYPE.matcher(d.group(1));
        if (!t.matches()) throw new IllegalArgumentException("npy: " + source + " has dtype '" + d.group(1) + "', which is not a plain numeric type");
        int itemBytes = Integer.parseInt(t.group(3));
        ByteOrder order = switch (t.group(1)) {
            case "<" -> ByteOrder.LITTLE_ENDIAN;
            case ">" -> ByteOrder.BIG_ENDIAN;
            case "=" -> ByteOrder.nativeOrder();
            default -> {
                if (itemBytes != 1) throw new IllegalArgumentException("npy: " + source + " has dtype '" + d.group(1) + "' without a byte order");
                yield ByteOrder.LITTLE_ENDIAN;
            }
        };
        return new NpyHeader(t.group(2), itemBytes, order, f.group(1).equals("True"), parseShape(s.group(1), source), (int) dataOffset);
    }

    private static int[] parseShape(String tuple, String source) {
        String[] parts = tuple.split(",");
        int[] dims = new int[parts.length];
        int n = 0;
        long numel = 1;
        for (String p : parts) {
            if (p.isBlank()) continue;
            try {
                dims[n] = Integer.parseInt(p.strip().replace("L", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("npy: " + source + " has a shape entry '" + p.strip() + "' that is not an int below 2^31");
            }
            if (dims[n] < 0) throw new IllegalArgumentException("npy: " + source + " has a negative dimension in shape (" + tuple + ")");
            numel *= dims[n++];
            if (numel > Integer.MAX_VALUE) throw new IllegalArgumentException("npy: " + source + " shape (" + tuple + ") has more than 2^31 - 1 elements");
        }
        return Arrays.copyOf(dims, n);
    }

    /** Magic, version and the padded dict; version 2.0 only when the dict does not fit version 1.0's 16-bit length. */
    static byte[] encode(String descr, int[] shape) {
        StringBuilder sb = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) sb.append(shape[i]).append(shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
        sb.append("), }");
        boolean v1 = sb.length() + 11 < 65536;
        int prefix = v1 ? 10 : 12;
        int total = prefix + sb.length() + 1;
        int pad = (64 - total % 64) % 64;
        sb.append(" ".repeat(pad)).append('\n');
        byte[] dict = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[prefix + dict.length];
        System.arraycopy(MAGIC, 0, out, 0, 6);
        out[6] = (byte) (v1 ? 1 : 2);
        out[7] = 0;
        for (int i = 0; i < prefix - 8; i++) out[8 + i] = (byte) (dict.length >>> (8 * i));
        System.arraycopy(dict, 0, out, prefix, dict.length);
        return out;
    }
}
