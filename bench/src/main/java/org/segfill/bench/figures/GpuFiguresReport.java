package org.segfill.bench.figures;

import java.util.List;
import org.segfill.devices.GpuInfo;

/**
 * One {@code segfill bench figures} run, as written to its JSON file and rendered by
 * {@link GpuFiguresMarkdown}.
 *
 * @param date when the run started, ISO-8601 UTC
 * @param gpu the device measured (CUDA device 0, the one TensorRT runs on)
 * @param versions TensorRT, CUDA runtime and driver versions, e.g. {@code TensorRT 10.15.1}
 * @param sam the SAM bundle directory
 * @param sdxl the SDXL bundle directory
 * @param testBundles which of {@code sam}, {@code sdxl} are segfill's tiny test bundles
 * @param warmups untimed runs before each series
 * @param runs timed inpaints and UNet batches per series (SAM: {@link #samRuns})
 * @param samRuns timed SAM encodes and clicks
 * @param memory device memory around opening both bundles
 * @param figures every figure with its goal and verdict ({@link GpuFigureMath})
 * @param samples the measurements behind the figures
 */
public record GpuFiguresReport(String date, GpuInfo gpu, String versions, String sam,
    String sdxl, List<String> testBundles, int warmups, int runs, int samRuns,
    DeviceMemory memory, List<Figure> figures, GpuSamples samples) {

  /** The bundle names {@code testBundles} may hold. */
  public static final List<String> BUNDLES = List.of("sam", "sdxl");

  public GpuFiguresReport {
    testBundles = List.copyOf(testBundles);
    figures = List.copyOf(figures);
    for (String b : testBundles) {
      if (!BUNDLES.contains(b)) {
        throw new IllegalArgumentException("testBundles: '" + b + "' is not one of " + BUNDLES);
      }
    }
  }

  /** Whether the goals may be judged for {@code bundle}: it is not a test bundle. */
  public boolean judged(String bundle) {
    return !testBundles.contains(bundle);
  }
}
