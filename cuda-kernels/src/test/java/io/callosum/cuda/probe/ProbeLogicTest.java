package io.callosum.cuda.probe;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up decisions, fed with made-up file systems and loading results instead of native calls. */
class ProbeLogicTest {
    static final List<Path> DIRS = List.of(Path.of("/opt/wheels/cublas/lib"), Path.of("/opt/wheels/cudnn/lib"));

    static LibrarySearch files(String... present) {
        Set<Path> set = new java.util.HashSet<>();
        for (String p : present) set.add(Path.of(p));
        return new LibrarySearch(DIRS, set::contains);
    }

    @Test
    void searchOrderPutsUserFoldersFirstAndDropsDuplicates() {
        List<Path> dirs = LibrarySearch.dirs("/a:/b", "/b:/c", null, "");
        assertEquals(List.of(Path.of("/a"), Path.of("/b"), Path.of("/c")), dirs.subList(0, 3));
        assertTrue(dirs.contains(Path.of("/usr/lib/x86_64-linux-gnu")));
        assertEquals(Optional.of(Path.of("/opt/wheels/cudnn/lib/libcudnn.so.9")),
                files("/opt/wheels/cudnn/lib/libcudnn.so.9").find("libcudnn.so.9"));
    }

    @Test
    void eachFolderKeepsTheSettingItCameFromAndTheLabelSaysIt() {
        List<LibrarySearch.Dir> d = LibrarySearch.dirsWithOrigins("/mine", "/ld:/mine", "/jlp");
        assertEquals(new LibrarySearch.Dir(Path.of("/mine"), "-Dcallosum.cuda.libraryPath"), d.get(0));
        assertEquals(new LibrarySearch.Dir(Path.of("/ld"), "LD_LIBRARY_PATH"), d.get(1));
        assertEquals(new LibrarySearch.Dir(Path.of("/jlp"), "java.library.path"), d.get(2), "a folder listed twice keeps its first origin");
        assertEquals(new LibrarySearch.Dir(Path.of("/usr/lib/x86_64-linux-gnu"), "system path"), d.get(3));
        LibrarySearch s = LibrarySearch.of(d, Set.of(Path.of("/ld/libcublas.so.12"), Path.of("/ld/libcublasLt.so.12"),
                Path.of("/usr/lib/x86_64-linux-gnu/libcudnn.so.9"))::contains, name -> Optional.empty());
        VendorPlan.Choice c = VendorPlan.cublas(true, s, Optional.empty(), Optional.empty());
        assertEquals("cuBLAS (libcublas.so.12 from LD_LIBRARY_PATH (/ld))", c.label());
        assertEquals(List.of(Path.of("/ld/libcublasLt.so.12"), Path.of("/ld/libcublas.so.12")), c.preload());
        assertEquals("cuDNN (libcudnn.so.9 from system path (/usr/lib/x86_64-linux-gnu))", VendorPlan.cudnn(true, s).label());
    }

    @Test
    void cuda12MachineLoadsLibcublas12Directly() {
        VendorPlan.Choice c = VendorPlan.cublas(true, files("/opt/wheels/cublas/lib/libcublas.so.12"), Optional.empty(), Optional.empty());
        assertEquals(VendorPlan.Kind.USE, c.kind());
        assertEquals(List.of(Path.of("/opt/wheels/cublas/lib/libcublas.so.12")), c.preload());
    }

    @Test
    void cuda13MachineUsesAPrebuiltForwarderAfterLibcublas13() {
        Path fwd = Path.of("/work/.device/lib/libcublas.so.12");
        VendorPlan.Choice c = VendorPlan.cublas(true, files("/opt/wheels/cublas/lib/libcublas.so.13"), Optional.of(fwd), Optional.empty());
        assertEquals(VendorPlan.Kind.USE, c.kind());
        assertEquals(List.of(Path.of("/opt/wheels/cublas/lib/libcublas.so.13"), fwd), c.preload(), "the target first, so the forwarder's dlopen finds it");
        assertTrue(c.label().contains("forwarding libcublas.so.12"));
    }

    @Test
    void cuda13MachineBuildsTheForwarderWhenACompilerIsThere() {
        VendorPlan.Choice c = VendorPlan.cublas(true, files("/opt/wheels/cublas/lib/libcublas.so.13"), Optional.empty(), Optional.of(Path.of("/usr/bin/cc")));
        assertEquals(VendorPlan.Kind.BUILD_FORWARDER, c.kind());
        assertTrue(c.usable());
    }

    @Test
    void cuda13MachineWithoutForwarderOrCompilerFallsBackWithAReason() {
        VendorPlan.Choice c = VendorPlan.cublas(true, files("/opt/wheels/cublas/lib/libcublas.so.13"), Optional.empty(), Optional.empty());
        assertEquals(VendorPlan.Kind.UNAVAILABLE, c.kind());
        assertTrue(c.reason().contains("needs libcublas.so.12"), c.reason());
        assertTrue(c.reason().contains("-Dcallosum.cuda.cublasForwarder"), c.reason());
        assertTrue(c.reason().endsWith("using the built-in SGEMM kernel"), c.reason());
    }

    @Test
    void noCublasAtAll() {
        VendorPlan.Choice c = VendorPlan.cublas(true, files(), Optional.empty(), Optional.of(Path.of("/usr/bin/cc")));
        assertEquals(VendorPlan.Kind.UNAVAILABLE, c.kind());
        assertTrue(c.reason().startsWith("cuBLAS not found (neither libcublas.so.12 nor libcublas.so.13"), c.reason());
    }

    @Test
    void switchOffWinsOverEverything() {
        LibrarySearch all = files("/opt/wheels/cublas/lib/libcublas.so.12", "/opt/wheels/cudnn/lib/libcudnn.so.9");
        assertEquals(VendorPlan.Kind.DISABLED, VendorPlan.cublas(false, all, Optional.empty(), Optional.empty()).kind());
        VendorPlan.Choice d = VendorPlan.cudnn(false, all);
        assertEquals(VendorPlan.Kind.DISABLED, d.kind());
        assertFalse(d.usable());
        assertTrue(d.reason().contains("callosum.cuda.vendor=false"));
    }

    @Test
    void cudnn9IsUsedCudnn8IsExplained() {
        assertEquals(VendorPlan.Kind.USE, VendorPlan.cudnn(true, files("/opt/wheels/cudnn/lib/libcudnn.so.9")).kind());
        VendorPlan.Choice old = VendorPlan.cudnn(true, files("/opt/wheels/cudnn/lib/libcudnn.so.8"));
        assertEquals(VendorPlan.Kind.UNAVAILABLE, old.kind());
        assertTrue(old.reason().contains("built for cuDNN 9"), old.reason());
        VendorPlan.Choice none = VendorPlan.cudnn(true, files());
        assertTrue(none.reason().startsWith("cuDNN not found (libcudnn.so.9"), none.reason());
        assertTrue(none.reason().endsWith("using built-in convolution kernels"), none.reason());
    }

    @Test
    void driverStatusExplainsAMissingDriver() {
        DriverStatus s = DriverStatus.decide(new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                + "libcuda.so.1: cannot open shared object file"), 0, "", 0);
        assertFalse(s.available());
        assertEquals(0, s.deviceCount());
        assertTrue(s.reason().startsWith("the CUDA driver could not be loaded through JCuda: UnsatisfiedLinkError"), s.reason());
        assertTrue(s.reason().contains("this machine has none"), "libcuda.so named in the loader message gives the hint: " + s.reason());
        assertFalse(s.reason().contains("\n"), "one line");
    }

    @Test
    void driverStatusForInitFailureNoDeviceAndSuccess() {
        DriverStatus init = DriverStatus.decide(null, 100, "CUDA_ERROR_NO_DEVICE", 0);
        assertFalse(init.available());
        assertTrue(init.reason().contains("CUDA_ERROR_NO_DEVICE (100)"), init.reason());
        assertFalse(DriverStatus.decide(null, 0, "", 0).available());
        DriverStatus ok = DriverStatus.decide(null, 0, "", 2);
        assertTrue(ok.available());
        assertEquals(2, ok.deviceCount());
        assertEquals("", ok.reason());
    }

    @Test
    void probeLineNamesDriverGpuLibrariesAndPaths() {
        ProbeLine.Gpu h100 = new ProbeLine.Gpu(0, "NVIDIA H100 80GB HBM3", 9, 0, 132, 85_520_809_984L);
        Optional<PtxIsa> isa8 = PtxIsa.parse("8.0", "ptx.properties");
        String both = ProbeLine.format(13000, isa8, h100, ProbeLine.Vendor.used("cuBLAS (libcublas.so.13 through the forwarding libcublas.so.12)", "13.1.0"),
                ProbeLine.Vendor.used("cuDNN (libcudnn.so.9)", "9.13.0"), false);
        assertEquals("callosum cuda:0 · driver CUDA 13.0, PTX ISA 8.0 (needs 12.0+) · NVIDIA H100 80GB HBM3 (sm_90, 132 SMs, 79.6 GiB) · "
                + "cuBLAS (libcublas.so.13 through the forwarding libcublas.so.12) 13.1.0 · cuDNN (libcudnn.so.9) 9.13.0 · "
                + "gemm: cuBLAS, conv: cuDNN, other ops: built-in PTX kernels · TF32 off (-Dcallosum.cuda.tf32=false: FP32 math throughout)", both);
        String none = ProbeLine.format(12060, isa8, h100, ProbeLine.Vendor.notUsed("cuBLAS off (switched off by -Dcallosum.cuda.vendor=false or -Dcallosum.cuda.cublas=false)"),
                ProbeLine.Vendor.notUsed("cuDNN not found (libcudnn.so.9 in …), using built-in convolution kernels"), true);
        assertTrue(none.contains("driver CUDA 12.6"), none);
        assertTrue(none.endsWith("gemm: built-in SGEMM, conv: built-in im2col + built-in SGEMM, other ops: built-in PTX kernels · "
                + "TF32 on for cuBLAS and cuDNN (-Dcallosum.cuda.tf32=true; the built-in SGEMM stays FP32), but neither library is in use"), none);
        String tf32 = ProbeLine.format(12020, isa8, h100, ProbeLine.Vendor.used("cuBLAS (libcublas.so.12)", "12.2.5"),
                ProbeLine.Vendor.notUsed("cuDNN off"), true);
        assertTrue(tf32.endsWith("TF32 on for cuBLAS and cuDNN (-Dcallosum.cuda.tf32=true; the built-in SGEMM stays FP32)"), tf32);
        assertFalse(tf32.contains("\n"), "one line");
    }

    @Test
    void versionIntegersDecode() {
        assertEquals("13.0", ProbeLine.cudaVersion(13000));
        assertEquals("12.6", ProbeLine.cudaVersion(12060));
        assertEquals("13.1.0", ProbeLine.cublasVersion(130100));
        assertEquals("12.6.4", ProbeLine.cublasVersion(120604));
        assertEquals("11.3.1", ProbeLine.cublasVersion(11301));
        assertEquals("9.13.0", ProbeLine.cudnnVersion(91300));
        assertEquals("8.9.7", ProbeLine.cudnnVersion(8907));
    }
}
