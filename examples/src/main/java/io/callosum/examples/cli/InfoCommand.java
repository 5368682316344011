package io.callosum.examples.cli;

import io.callosum.tensor.Backends;
import io.callosum.tensor.spi.BackendProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Version, machine, and which backend paths are active. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the version, the machine and which backend paths are active (Vector API or scalar, CUDA probe).")
final class InfoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Runtime rt = Runtime.getRuntime();
        out.println("callosum " + Version.get());
        out.printf("java %s (%s), %d cores, max heap %.1f GiB%n", System.getProperty("java.version"), System.getProperty("java.vendor"),
                rt.availableProcessors(), rt.maxMemory() / (1024.0 * 1024 * 1024));
        out.println("cpu:  " + Backends.cpu().describe());
        boolean anyCuda = false;
        for (BackendProvider p : Backends.providers()) {
            if (p.deviceType().equals("cpu")) continue;
            anyCuda |= p.deviceType().equals("cuda");
            out.println(p.deviceType() + ": " + (p.isAvailable() ? Backends.get(new io.callosum.tensor.Device(p.deviceType(), 0)).describe()
                    + " (" + p.deviceCount() + " device(s))" : "not available: " + p.unavailableReason()));
        }
        if (!anyCuda) out.println("cuda: not available: the io.callosum:cuda-kernels module is not on the class path");
        return 0;
    }
}
