package org.segfill.engine.sdxl;

/**
 * A progress listener that asks for every step's preview, as the editor page does, and keeps the
 * last progress so that no preview is optimised away.
 */
final class KeepLastPreview implements ProgressListener {
  private StepProgress last;

  @Override
  public void onStep(StepProgress progress) {
    last = progress;
  }

  @Override
  public boolean wantsPreview() {
    return true;
  }

  /** The last step's progress, or null before the first step. */
  StepProgress last() {
    return last;
  }
}
