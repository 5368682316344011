package io.callosum.examples.cli;

import io.callosum.splitbrain.model.Architecture;
import io.callosum.splitbrain.targets.ColorSpace;
import picocli.CommandLine;

/** Option converters whose errors become picocli usage errors (exit 2, one line). */
final class Converters {
    private Converters() {
    }

    static final class ArchitectureConverter implements CommandLine.ITypeConverter<Architecture> {
        @Override
        public Architecture convert(String value) {
            try {
                return Architecture.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ColorSpaceConverter implements CommandLine.ITypeConverter<ColorSpace> {
        @Override
        public ColorSpace convert(String value) {
            try {
                return ColorSpace.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
