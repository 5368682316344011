package io.callosum.cuda;

import io.callosum.cuda.probe.CudnnProbe;
import io.callosum.cuda.probe.LibrarySearch;
import io.callosum.cuda.probe.ProbeLine;
import io.callosum.cuda.probe.VendorPlan;
import io.callosum.cuda.vendor.Cublas;
import io.callosum.cuda.vendor.CublasForwarder;
import io.callosum.cuda.vendor.Cudnn;
import io.callosum.cuda.vendor.VendorLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * cuBLAS and cuDNN for one device, as the plan decides and the self-tests confirm: each is either open (with its
 * probe-line entry saying which library and where it came from) or null with the reason. Switches:
 * {@code callosum.cuda.vendor=false} forces our own kernels, {@code callosum.cuda.cublas=false} /
 * {@code callosum.cuda.cudnn=false} turn off one library, {@code callosum.cuda.cublasForwarder=<path>} names a
 * prebuilt forwarding libcublas.so.12.
 */
record CudaVendors(Cublas cublas, ProbeLine.Vendor cublasLine, Cudnn cudnn, ProbeLine.Vendor cudnnLine, boolean anyFailed) {

    static CudaVendors open(CudaDevice dev) {
        boolean vendor = switchOn("callosum.cuda.vendor");
        LibrarySearch search = LibrarySearch.fromEnvironment();
        boolean failed = false;

        Cublas cublas = null;
        ProbeLine.Vendor cublasLine;
        Optional<Path> forwarder = Optional.ofNullable(System.getProperty("callosum.cuda.cublasForwarder")).map(Path::of).filter(Files::isRegularFile);
        VendorPlan.Choice cublasPlan = VendorPlan.cublas(vendor && switchOn("callosum.cuda.cublas"), search, forwarder, CublasForwarder.findCompiler());
        VendorLoader.Outcome cublasLoad = VendorLoader.cublas(cublasPlan);
        if (cublasLoad.loaded()) {
            try {
                dev.makeCurrent();
                cublas = Cublas.open(dev.stream, CudaSettings::tf32);
                cublasLine = ProbeLine.Vendor.used(cublasPlan.label(), ProbeLine.cublasVersion(cublas.version()));
            } catch (RuntimeException | LinkageError e) {
                cublasLine = ProbeLine.Vendor.notUsed(cublasPlan.label() + " not used: " + e.getMessage() + ", using the built-in SGEMM kernel");
                failed = true;
            }
        } else {
            cublasLine = ProbeLine.Vendor.notUsed(cublasLoad.reason());
            failed |= cublasPlan.usable();
        }

        Cudnn cudnn = null;
        ProbeLine.Vendor cudnnLine;
        VendorPlan.Choice cudnnPlan = VendorPlan.cudnn(vendor && switchOn("callosum.cuda.cudnn"), search);
        VendorLoader.Outcome cudnnLoad = VendorLoader.cudnn(cudnnPlan);
        if (cudnnLoad.loaded()) {
            Optional<String> failure;
            try {
                dev.makeCurrent();
                cudnn = Cudnn.open(dev.stream, CudaSettings::tf32);
                failure = cudnn.selfTest(dev);
                if (failure.isEmpty()) dev.synchronize();
            } catch (RuntimeException | LinkageError e) {
                failure = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (failure.isPresent()) {
                if (cudnn != null) closeQuietly(cudnn);
                cudnn = null;
                cudnnLine = ProbeLine.Vendor.notUsed(CudnnProbe.reason(cudnnPlan.label(), failure.get()));
                failed = true;
            } else {
                cudnnLine = ProbeLine.Vendor.used(cudnnPlan.label(), ProbeLine.cudnnVersion(cudnn.version()));
            }
        } else {
            cudnnLine = ProbeLine.Vendor.notUsed(cudnnLoad.reason());
            failed |= cudnnPlan.usable();
        }
        return new CudaVendors(cublas, cublasLine, cudnn, cudnnLine, failed);
    }

    /** A switch that is on unless set to "false". */
    private static boolean switchOn(String property) {
        return !"false".equalsIgnoreCase(System.getProperty(property, "true"));
    }

    private static void closeQuietly(Cudnn cudnn) {
        try {
            cudnn.close();
        } catch (RuntimeException | LinkageError ignored) {
            // the reason already names the first failure
        }
    }
}
