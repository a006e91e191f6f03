package org.segfill.engine.sdxl;

/** Receives a generation's progress, once per denoising step, on the generating thread. */
public interface ProgressListener {

  /** A listener that ignores progress. */
  ProgressListener NONE = progress -> { };

  void onStep(StepProgress progress);

  /** Whether to compute a preview for each step (a small extra cost per step). */
  default boolean wantsPreview() {
    return false;
  }
}
