package org.segfill.bench.figures;

/**
 * The device memory one plan took when it opened: the drop in the device's free memory across
 * its {@code open} (the engine, its execution contexts, their I/O buffers and any growth of the
 * bundle's shared activation block).
 *
 * @param bundle {@code sam} or {@code sdxl}
 * @param graph the graph's path inside its bundle, e.g. {@code unet/model.onnx}
 * @param bytes free bytes before the open minus free bytes after it
 */
public record PlanMemory(String bundle, String graph, long bytes) {

  /** The plan's memory from the device's free bytes before and after it opened. */
  public static PlanMemory of(String bundle, String graph, long freeBefore, long freeAfter) {
    return new PlanMemory(bundle, graph, freeBefore - freeAfter);
  }
}
