package io.callosum.examples.cli;

import io.callosum.splitbrain.config.Preset;
import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.targets.ColorSpace;
import picocli.CommandLine;

import java.util.function.Function;

/** Option converters whose errors become picocli usage errors (exit 2, one line). */
final class Converters {
    private Converters() {
    }

    /**
     * Every floating-point option: NaN and ±Infinity are refused here, naming the option (picocli adds it), because
     * no option means them and they would poison the arithmetic silently.
     */
    static double finiteDouble(String value) {
        double d;
        try {
            d = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number");
        }
        if (!Double.isFinite(d)) throw new CommandLine.TypeConversionException("'" + value + "' is not a finite number");
        return d;
    }

    /** Converts with a parse method that throws IllegalArgumentException, naming the accepted values. */
    abstract static class Parsing<T> implements CommandLine.ITypeConverter<T> {
        private final Function<String, T> parse;

        Parsing(Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T convert(String value) {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ArchitectureConverter extends Parsing<Architecture> {
        ArchitectureConverter() {
            super(Architecture::parse);
        }
    }

    static final class ColorSpaceConverter extends Parsing<ColorSpace> {
        ColorSpaceConverter() {
            super(ColorSpace::parse);
        }
    }

    static final class PresetConverter extends Parsing<Preset> {
        PresetConverter() {
            super(Preset::parse);
        }
    }
}
