package org.segfill.server.jobs;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import org.segfill.engine.backend.BackendKind;
import org.segfill.engine.edit.EditRequest;
import org.segfill.engine.edit.EditResult;
import org.segfill.engine.edit.EditVariant;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.sdxl.InpaintRequest;
import org.segfill.engine.sdxl.Region;
import org.segfill.engine.sdxl.StepProgress;
import org.segfill.engine.sdxl.scheduler.Sampler;
import org.segfill.server.engine.BackendChoice;
import org.segfill.server.engine.Editor;
import org.segfill.server.engine.EngineSet;
import org.segfill.server.engine.Readiness;
import org.segfill.server.metrics.Metrics;
import org.segfill.server.store.ResultStore;

/**
 * Engines for tests of what the job runner does around the steps: an editor that only reports
 * a fixed number of steps (with a preview each when asked) and returns one 4x4 variant, on a
 * backend of the test's choosing.
 */
final class FakeEngines {

  private FakeEngines() {}

  /** Ready engines on {@code backend} whose editor is {@code editor} (no segmenter, no SDXL). */
  static Readiness ready(BackendKind backend, Editor editor) {
    Readiness readiness = new Readiness();
    // The runner never segments: the segmenter is left out.
    readiness.ready(new EngineSet(null, editor, null,
        new BackendChoice(backend.id(), backend, "chosen by the test")));
    return readiness;
  }

  /**
   * An editor reporting {@code steps} steps, with {@code preview.apply(k)} as step k's preview
   * when the listener wants previews; it checks the cancel flag after each step as the loop does.
   */
  static Editor stepping(int steps, IntFunction<RgbImage> preview) {
    return stepping(steps, preview, new LongAdder());
  }

  /** {@link #stepping(int, IntFunction)}, adding the time spent in each onStep call. */
  static Editor stepping(int steps, IntFunction<RgbImage> preview, LongAdder onStepNanos) {
    return (image, selection, request, progress, cancelled) -> {
      long start = System.nanoTime();
      for (int k = 1; k <= steps; k++) {
        StepProgress p = new StepProgress(k, steps, System.nanoTime() - start,
            progress.wantsPreview() ? preview.apply(k) : null);
        long before = System.nanoTime();
        progress.onStep(p);
        onStepNanos.add(System.nanoTime() - before);
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("cancelled after step " + k);
        }
      }
      return new EditResult(List.of(new EditVariant(new RgbImage(4, 4, new byte[48]),
          Map.of("seed", 11L))), Map.of("denoise", 1L), List.of());
    };
  }

  /** A 2x2 image whose every byte is {@code k}: a preview that says which step it is. */
  static RgbImage marked(int k) {
    byte[] rgb = new byte[2 * 2 * 3];
    Arrays.fill(rgb, (byte) k);
    return new RgbImage(2, 2, rgb);
  }

  /** A runner over {@code readiness} writing to {@code results}, with the click gate open. */
  static JobRunner runner(Readiness readiness, Path results, PreviewEncoder previews,
      Metrics metrics) {
    return new JobRunner(readiness, new ResultStore(results), metrics, previews, StepGate.OPEN);
  }

  /** A queued job numbered {@code n} on an 8x8 photo, with or without previews. */
  static Job job(int n, boolean previews) {
    InpaintRequest generation = new InpaintRequest(Target.BACKGROUND, "a cat", null, 0, 4, 1.0,
        0, 1, Sampler.DEFAULT, Region.FULL, RepaintShape.DEFAULT, false);
    JobSpec spec = new JobSpec(new RgbImage(8, 8, new byte[8 * 8 * 3]), 8, 8, new byte[64],
        new EditRequest(generation, null), previews, Map.of("prompt", "a cat"));
    return new Job(String.format("j%032x", n), spec);
  }
}
