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
