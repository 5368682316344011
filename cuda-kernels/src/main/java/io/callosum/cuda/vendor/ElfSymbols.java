package io.callosum.cuda.vendor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dynamic symbols of an ELF64 little-endian shared library with their symbol versions — what
 * {@code nm -D} / {@code readelf --dyn-syms} show — read in Java so the forwarder can be generated anywhere.
 */
public final class ElfSymbols {
    private ElfSymbols() {
    }

    /** A dynamic symbol; {@code version} is the version node name ("libcublas.so.12"), or "" when unversioned. */
    public record Symbol(String name, boolean defined, boolean function, String version) {
    }

    private static final int SHT_DYNSYM = 11;
    private static final int SHT_GNU_VERDEF = 0x6ffffffd;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final int SHT_GNU_VERSYM = 0x6fffffff;

    /** Every dynamic symbol of the library in {@code elf}; IllegalArgumentException for anything but ELF64 little-endian. */
    public static List<Symbol> read(byte[] elf) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        if (elf.length < 64 || b.getInt(0) != 0x464c457f) throw new IllegalArgumentException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1) throw new IllegalArgumentException("only ELF64 little-endian is supported");
        long shoff = b.getLong(0x28);
        int shentsize = Short.toUnsignedInt(b.getShort(0x3A));
        int shnum = Short.toUnsignedInt(b.getShort(0x3C));
        Section dynsym = null, versym = null, verneed = null, verdef = null;
        Section[] sections = new Section[shnum];
        for (int i = 0; i < shnum; i++) {
            int at = (int) (shoff + (long) i * shentsize);
            Section s = new Section(b.getInt(at + 4), b.getLong(at + 0x18), b.getLong(at + 0x20), b.getInt(at + 0x28), b.getInt(at + 0x2C));
            sections[i] = s;
            switch (s.type) {
                case SHT_DYNSYM -> dynsym = s;
                case SHT_GNU_VERSYM -> versym = s;
                case SHT_GNU_VERNEED -> verneed = s;
                case SHT_GNU_VERDEF -> verdef = s;
                default -> { }
            }
        }
        if (dynsym == null) return List.of();
        Section strtab = sections[dynsym.link];
        Map<Integer, String> versions = new HashMap<>();
        if (verneed != null) readVerneed(b, verneed, sections[verneed.link], versions);
        if (verdef != null) readVerdef(b, verdef, sections[verdef.link], versions);
        List<Symbol> out = new ArrayList<>();
        int count = (int) (dynsym.size / 24);
        for (int i = 1; i < count; i++) {
            int at = (int) (dynsym.offset + i * 24L);
            String name = cstring(elf, strtab.offset + Integer.toUnsignedLong(b.getInt(at)));
            int info = elf[at + 4] & 0xff;
            int shndx = Short.toUnsignedInt(b.getShort(at + 6));
            int ver = versym == null ? 0 : Short.toUnsignedInt(b.getShort((int) (versym.offset + 2L * i))) & 0x7fff;
            out.add(new Symbol(name, shndx != 0, (info & 0xf) == 2, versions.getOrDefault(ver, "")));
        }
        return out;
    }

    /** Names of the undefined symbols bound to one version node, e.g. everything JCublas2 takes from libcublas.so.12. */
    public static List<String> imports(List<Symbol> symbols, String version) {
        List<String> names = new ArrayList<>();
        for (Symbol s : symbols) if (!s.defined() && s.version().equals(version)) names.add(s.name());
        return names;
    }

    private static void readVerneed(ByteBuffer b, Section s, Section str, Map<Integer, String> versions) {
        long at = s.offset;
        for (int n = 0; n < s.info; n++) {
            int cnt = Short.toUnsignedInt(b.getShort((int) at + 2));
            long aux = at + Integer.toUnsignedLong(b.getInt((int) at + 8));
            for (int k = 0; k < cnt; k++) {
                int other = Short.toUnsignedInt(b.getShort((int) aux + 6));
                versions.put(other & 0x7fff, cstring(b.array(), str.offset + Integer.toUnsignedLong(b.getInt((int) aux + 8))));
                aux += Integer.toUnsignedLong(b.getInt((int) aux + 12));
            }
            long next = Integer.toUnsignedLong(b.getInt((int) at + 12));
            if (next == 0) break;
            at += next;
        }
    }

    private static void readVerdef(ByteBuffer b, Section s, Section str, Map<Integer, String> versions) {
        long at = s.offset;
        for (int n = 0; n < s.info; n++) {
            int ndx = Short.toUnsignedInt(b.getShort((int) at + 4));
            long aux = at + Integer.toUnsignedLong(b.getInt((int) at + 12));
            versions.put(ndx & 0x7fff, cstring(b.array(), str.offset + Integer.toUnsignedLong(b.getInt((int) aux))));
            long next = Integer.toUnsignedLong(b.getInt((int) at + 16));
            if (next == 0) break;
            at += next;
        }
    }

    private static String cstring(byte[] data, long from) {
        int end = (int) from;
        while (data[end] != 0) end++;
        return new String(data, (int) from, end - (int) from, StandardCharsets.US_ASCII);
    }

    private record Section(int type, long offset, long size, int link, int info) {
    }
}
