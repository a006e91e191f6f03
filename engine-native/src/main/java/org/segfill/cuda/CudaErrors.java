package org.segfill.cuda;

import java.util.Set;

/**
 * What a cudaError_t value means for the caller: whether it poisoned the CUDA context (sticky),
 * or only ended a stream capture. The values are those of the CUDA 13.1 runtime, as the JavaCPP
 * preset's {@code cudart} constants name them.
 */
public final class CudaErrors {

  // cudaError_t values that leave the context corrupted (moved here from DeviceFault, unchanged):
  // 700 cudaErrorIllegalAddress, 710 cudaErrorAssert, 714 cudaErrorHardwareStackError,
  // 715 cudaErrorIllegalInstruction, 716 cudaErrorMisalignedAddress,
  // 717 cudaErrorInvalidAddressSpace, 718 cudaErrorInvalidPc and 719 cudaErrorLaunchFailure,
  // whose Runtime API entries say the process "must be terminated and relaunched"; and
  // 214 cudaErrorECCUncorrectable and 999 cudaErrorUnknown, after which nothing can be trusted.
  private static final Set<Integer> STICKY = Set.of(214, 700, 710, 714, 715, 716, 717, 718, 719,
      999);

  // The stream-capture family, 900 to 908: cudaErrorStreamCaptureUnsupported, ...Invalidated,
  // ...Merge, ...Unmatched, ...Unjoined, ...Isolation, ...Implicit, cudaErrorCapturedEvent,
  // cudaErrorStreamCaptureWrongThread. Each says a capture broke a rule, or was invalidated by
  // an earlier break (901); none corrupts the context, and cudaStreamEndCapture takes the
  // stream out of capture mode whatever the capture's state (CUDA Programming Guide, "Stream
  // Capture", "Invalidation").
  private static final int CAPTURE_FIRST = 900;
  private static final int CAPTURE_LAST = 908;

  private CudaErrors() {}

  /** Whether {@code status} leaves the CUDA context unusable for the rest of the process. */
  public static boolean sticky(int status) {
    return STICKY.contains(status);
  }

  /** Whether {@code status} says a stream capture failed (900 to 908), and nothing worse. */
  public static boolean captureFailure(int status) {
    return status >= CAPTURE_FIRST && status <= CAPTURE_LAST;
  }
}
