package io.callosum.examples.cli;

import io.callosum.tensor.Backends;
import io.callosum.tensor.Device;
import io.callosum.tensor.spi.BackendProvider;
import picocli.CommandLine;

/**
 * Parses --device with {@link Device#parse}, accepting cpu, cuda and any other device type a backend on the class
 * path registers. Whether the device is usable is checked when a command starts ({@link RunOptions#device()}), so
 * that {@code --help} and parsing never touch a GPU.
 */
final class DeviceConverter implements CommandLine.ITypeConverter<Device> {
    @Override
    public Device convert(String value) {
        Device d;
        try {
            d = Device.parse(value);
        } catch (IllegalArgumentException e) {
            throw notADevice(value);
        }
        if (d.isCpu() || d.type().equals("cuda")) return d;
        for (BackendProvider p : Backends.providers()) if (p.deviceType().equals(d.type())) return d;
        throw notADevice(value);
    }

    private static CommandLine.TypeConversionException notADevice(String value) {
        return new CommandLine.TypeConversionException("'" + value + "' is not a device: expected cpu, cuda or cuda:N");
    }
}
