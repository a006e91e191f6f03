package org.segfill.bench;

import java.util.Map;

/**
 * Bytes each benchmark reads plus writes per operation (STREAM convention: write-allocate traffic
 * is not counted), so the report can print bytes/s next to the measured copy bandwidth.
 */
public final class Traffic {
  /** One byte per pixel of the 4000x3000 mask; RGB images are 3 of these, the blend 10. */
  private static final long MASK = (long) MaskBench.W * MaskBench.H;
  private static final long LATENT = (long) LatentBench.N * Float.BYTES;
  private static final Map<String, Long> BYTES = Map.ofEntries(
      Map.entry("BandwidthBench.copy", 2 * BandwidthBench.N * Float.BYTES),
      Map.entry("BandwidthBench.triad", 3 * BandwidthBench.N * Float.BYTES),
      Map.entry("LatentBench.cfgEuler", 4 * LATENT),
      Map.entry("LatentBench.cfgEulerJava", 4 * LATENT),
      Map.entry("LatentBench.cfgEulerNd4j", 4 * LATENT),
      Map.entry("LatentBench.cfgEulerAncestral", 4 * LATENT),
      Map.entry("LatentBench.cfgDpmpp2m", 6 * LATENT),
      Map.entry("LatentBench.unetInput", (1 + 1 + 18) * LATENT + LATENT / 4),
      Map.entry("LatentBench.unetInputNd4j", (1 + 1 + 18) * LATENT + LATENT / 4),
      Map.entry("LatentBench.randn", LATENT),
      Map.entry("LatentBench.f32ToF16", 2 * LATENT * 3 / 2),
      Map.entry("LatentBench.f32ToF16Nd4j", 2 * LATENT * 3 / 2),
      Map.entry("MaskBench.grow", 2 * MASK),
      Map.entry("MaskBench.growOpenCv", 2 * MASK),
      Map.entry("MaskBench.feather", 2 * MASK),
      Map.entry("MaskBench.featherOpenCv", 2 * MASK),
      Map.entry("MaskBench.blend", 10 * MASK),
      Map.entry("MaskBench.blendOpenCv", 10 * MASK),
      Map.entry("MaskBench.samPostprocess", MASK),
      Map.entry("MaskBench.samPostprocessOpenCv", MASK),
      // The CUDA suite moves the same bytes as its CPU counterparts.
      Map.entry("KernelsGpuBench.copy", 2 * BandwidthBench.N * Float.BYTES),
      Map.entry("KernelsGpuBench.triad", 3 * BandwidthBench.N * Float.BYTES),
      Map.entry("KernelsGpuBench.cfgEuler", 4 * LATENT),
      Map.entry("KernelsGpuBench.cfgEulerAncestral", 4 * LATENT),
      Map.entry("KernelsGpuBench.cfgDpmpp2m", 6 * LATENT),
      Map.entry("KernelsGpuBench.unetInput", (1 + 1 + 18) * LATENT + LATENT / 4),
      Map.entry("KernelsGpuBench.randn", LATENT),
      Map.entry("KernelsGpuBench.f32ToF16", 2 * LATENT * 3 / 2),
      Map.entry("KernelsGpuBench.grow", 2 * MASK),
      Map.entry("KernelsGpuBench.feather", 2 * MASK),
      Map.entry("KernelsGpuBench.blend", 10 * MASK),
      Map.entry("KernelsGpuBench.samPostprocess", MASK));

  private Traffic() {}

  /** Bytes per op of "Class.method", or 0 when a benchmark has no meaningful byte count. */
  public static long bytesPerOp(String benchmark) {
    return BYTES.getOrDefault(benchmark, 0L);
  }
}
