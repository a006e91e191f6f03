package org.segfill.bench.figures;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.segfill.bench.BenchBackends;
import org.segfill.bench.SamStagesBench;
import org.segfill.engine.sam.SamGraphs;
import org.segfill.engine.sdxl.Generation;
import org.segfill.engine.sdxl.SdxlGraphs;
import org.segfill.engine.sdxl.SdxlStagesBench;
import org.segfill.engine.sdxl.UnetAlone;
import org.segfill.models.bundle.SamBundle;
import org.segfill.models.bundle.SdxlBundle;

/**
 * Measures the figures on the tensorrt backend, one part after the other so that each has the
 * device to itself: the memory while both bundles open, then SAM on {@link SamStagesBench}'s
 * set-up, then SDXL on {@link SdxlStagesBench}'s. GPU only; the arithmetic is
 * {@link GpuFigureMath}'s.
 *
 * @param warmups untimed runs before each series
 * @param runs timed inpaints per series, and timed batches of the UNet alone
 * @param samRuns timed SAM encodes and clicks
 * @param log progress lines, one per part
 */
record GpuMeasurements(int warmups, int runs, int samRuns, PrintWriter log) {

  /** The backend every figure is measured on. */
  static final String BACKEND = "tensorrt";
  /** Denoising steps per inpaint, as the goal is stated. */
  static final int STEPS = 30;

  /** What the device measured. */
  record Result(DeviceMemory memory, GpuSamples samples) {}

  /** Measures everything on the bundles, which must have plans for this GPU. */
  Result measure(Path sam, Path sdxl) throws IOException {
    log.println("figures: device memory while both bundles open on " + BACKEND);
    log.flush();
    DeviceMemory memory = memory(sam, sdxl);
    log.println("figures: SAM encode and click, " + samRuns + " each");
    log.flush();
    SamSeries samMs = sam(sam);
    log.println("figures: SDXL inpaint 1024x1024, " + STEPS + " steps, previews off and on, "
        + runs + " each; then the UNet alone");
    log.flush();
    SdxlStagesBench stages = new SdxlStagesBench();
    stages.backend = BACKEND;
    stages.sdxl = sdxl.toString();
    stages.steps = STEPS;
    stages.load();
    try {
      Generations off = generations(stages::inpaint);
      Generations on = generations(stages::inpaintWithPreviews);
      double[] unet = new double[runs];
      try (UnetAlone alone = stages.unetAlone()) {
        for (int i = 0; i < warmups + runs; i++) {
          double ms = alone.millisPerStep(off.unetCalls());
          if (i >= warmups) {
            unet[i - warmups] = ms;
          }
        }
        log.println("figures: the UNet alone " + (alone.replaying()
            ? "replayed from a CUDA graph, as the loop's steps do"
            : "was queued directly (capture failed or not capturable): compare with care"));
      }
      return new Result(memory, new GpuSamples(STEPS, off.unetCalls(), off.totalMs(),
          on.totalMs(), off.loopStepMs(), on.loopStepMs(), unet, samMs.encode(),
          samMs.click()));
    } finally {
      stages.close();
    }
  }

  // Both bundles opened as the server opens them, each plan through a metered factory.
  private static DeviceMemory memory(Path sam, Path sdxl) {
    DeviceMemoryInfo before = DeviceMemoryInfo.read();
    MeteredFactory samPlans = new MeteredFactory(BenchBackends.open(BACKEND, sam), "sam", sam,
        DeviceMemoryInfo::read);
    MeteredFactory sdxlPlans = new MeteredFactory(BenchBackends.open(BACKEND, sdxl), "sdxl",
        sdxl, DeviceMemoryInfo::read);
    try (SamGraphs samGraphs = SamBundle.locate(sam).open(samPlans);
        SdxlGraphs sdxlGraphs = SdxlBundle.locate(sdxl).open(sdxlPlans)) {
      DeviceMemoryInfo after = DeviceMemoryInfo.read();
      List<PlanMemory> plans = new ArrayList<>(samPlans.plans());
      plans.addAll(sdxlPlans.plans());
      return DeviceMemory.of(before, after, plans);
    }
  }

  private record SamSeries(double[] encode, double[] click) {}

  private SamSeries sam(Path dir) throws IOException {
    SamStagesBench stages = new SamStagesBench();
    stages.backend = BACKEND;
    stages.sam = dir.toString();
    stages.size = SamStagesBench.PHOTO;
    stages.load();
    try {
      return new SamSeries(time(samRuns, stages::encode), time(samRuns, stages::click));
    } finally {
      stages.close();
    }
  }

  private record Generations(int unetCalls, double[] totalMs, double[] loopStepMs) {}

  private Generations generations(Supplier<Generation> generate) {
    for (int i = 0; i < warmups; i++) {
      generate.get();
    }
    double[] total = new double[runs];
    double[] loop = new double[runs];
    int calls = 0;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      Generation g = generate.get();
      total[i] = (System.nanoTime() - start) / 1e6;
      calls = unetCalls(g);
      loop[i] = g.timings().denoiseNanos() / 1e6 / calls;
    }
    return new Generations(calls, total, loop);
  }

  // The recipe says how many UNet calls the schedule made (the strength may drop one).
  private static int unetCalls(Generation g) {
    return ((Number) g.variants().get(0).recipe().fields().get("unetCalls")).intValue();
  }

  private double[] time(int count, Supplier<?> op) {
    for (int i = 0; i < warmups; i++) {
      op.get();
    }
    double[] ms = new double[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      op.get();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    return ms;
  }
}
