package io.callosum.cuda;

import java.util.Map;

/**
 * Which CUresult codes leave the CUDA context unusable. CUDA documents for a handful of launch errors that "the process
 * is left in an inconsistent state and any further CUDA work will return the same error"; after those the backend
 * refuses further work with a clear message. Every other error (including the 700-range ones about peers, host
 * registration or launch resources) fails only the call that got it.
 */
final class CudaErrors {
    private CudaErrors() {
    }

    /**
     * The codes whose driver documentation says the context (or the whole process) can no longer be used, with the
     * reason in CUDA's words. Codes not listed here are recoverable, among them 701 LAUNCH_OUT_OF_RESOURCES,
     * 703 LAUNCH_INCOMPATIBLE_TEXTURING, 704/705 PEER_ACCESS_ALREADY_ENABLED/NOT_ENABLED, 708 PRIMARY_CONTEXT_ACTIVE,
     * 711 TOO_MANY_PEERS, 712/713 HOST_MEMORY_ALREADY_REGISTERED/NOT_REGISTERED and 720 COOPERATIVE_LAUNCH_TOO_LARGE.
     */
    static final Map<Integer, String> CONTEXT_LOST = Map.ofEntries(
            Map.entry(700, "CUDA_ERROR_ILLEGAL_ADDRESS: a kernel accessed an illegal memory address"),
            Map.entry(702, "CUDA_ERROR_LAUNCH_TIMEOUT: a kernel ran into the watchdog timeout"),
            Map.entry(709, "CUDA_ERROR_CONTEXT_IS_DESTROYED: the context this backend uses was destroyed"),
            Map.entry(710, "CUDA_ERROR_ASSERT: a device-side assert fired; the context must be destroyed"),
            Map.entry(714, "CUDA_ERROR_HARDWARE_STACK_ERROR: a kernel corrupted its call stack"),
            Map.entry(715, "CUDA_ERROR_ILLEGAL_INSTRUCTION: a kernel executed an illegal instruction"),
            Map.entry(716, "CUDA_ERROR_MISALIGNED_ADDRESS: a kernel accessed a misaligned address"),
            Map.entry(717, "CUDA_ERROR_INVALID_ADDRESS_SPACE: a kernel used an address outside the space its instruction allows"),
            Map.entry(718, "CUDA_ERROR_INVALID_PC: a kernel's program counter became invalid"),
            Map.entry(719, "CUDA_ERROR_LAUNCH_FAILED: a kernel failed with an exception while executing"),
            Map.entry(721, "CUDA_ERROR_TENSOR_MEMORY_LEAK: a kernel exited without releasing its tensor memory"),
            Map.entry(911, "CUDA_ERROR_EXTERNAL_DEVICE: an external device signalled an asynchronous error"));

    /** True when the context cannot be used after this error (see {@link #CONTEXT_LOST}). */
    static boolean losesContext(int code) {
        return CONTEXT_LOST.containsKey(code);
    }
}
