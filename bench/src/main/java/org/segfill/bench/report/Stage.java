package org.segfill.bench.report;

import java.util.List;
import java.util.Optional;

/**
 * The stages the report covers, each with the JMH benchmark that measures it. The order is the
 * order of the report's tables and of the chart's bars.
 *
 * @param id the stable id used in report.json
 * @param label the name shown in report.md and the charts
 * @param benchmark the JMH benchmark, {@code Class.method}
 */
public record Stage(String id, String label, String benchmark) {

  /** The memory-bandwidth reference: STREAM copy on the CPU twin's threads. */
  public static final Stage COPY = new Stage("bandwidth.copy", "memory copy (256 MiB)",
      "org.segfill.bench.BandwidthBench.copy");

  /** Every model stage, in pipeline order. */
  public static final List<Stage> MODEL_STAGES = List.of(
      new Stage("sam.encode", "SAM encode", "org.segfill.bench.SamStagesBench.encode"),
      new Stage("sam.click", "SAM click (cached embedding)",
          "org.segfill.bench.SamStagesBench.click"),
      new Stage("sdxl.textEncode", "text encoding",
          "org.segfill.engine.sdxl.SdxlStagesBench.textEncode"),
      new Stage("sdxl.unetStep", "one UNet step (CFG)",
          "org.segfill.engine.sdxl.SdxlStagesBench.unetStep"),
      new Stage("sdxl.vaeEncode", "VAE encode",
          "org.segfill.engine.sdxl.SdxlStagesBench.vaeEncode"),
      new Stage("sdxl.vaeDecode", "VAE decode",
          "org.segfill.engine.sdxl.SdxlStagesBench.vaeDecode"),
      new Stage("sdxl.inpaint", "end-to-end inpaint",
          "org.segfill.engine.sdxl.SdxlStagesBench.inpaint"));

  /** The stage of a JMH benchmark name, if it is one of ours. */
  public static Optional<Stage> ofBenchmark(String benchmark) {
    if (COPY.benchmark.equals(benchmark)) {
      return Optional.of(COPY);
    }
    return MODEL_STAGES.stream().filter(s -> s.benchmark.equals(benchmark)).findFirst();
  }

  /** The stage with this id. */
  public static Optional<Stage> ofId(String id) {
    if (COPY.id.equals(id)) {
      return Optional.of(COPY);
    }
    return MODEL_STAGES.stream().filter(s -> s.id.equals(id)).findFirst();
  }
}
