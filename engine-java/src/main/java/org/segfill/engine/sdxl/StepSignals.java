package org.segfill.engine.sdxl;

import org.segfill.engine.backend.DeviceRun;

/**
 * Which queued steps of a device loop have finished: the loop's progress signal. On a GPU, one
 * CUDA event per step; on the CPU every step has finished when it has been queued.
 */
interface StepSignals extends AutoCloseable {

  /** Marks the end of step {@code step} in the queue (after its last kernel). */
  void record(int step);

  /** Whether the work up to the mark of {@code step} has finished; never waits. */
  boolean finished(int step);

  @Override
  void close();

  /** Signals for {@code count} steps of {@code run}. */
  static StepSignals of(DeviceRun run, int count) {
    if (!run.place().onDevice()) {
      return new StepSignals() {
        @Override
        public void record(int step) {}

        @Override
        public boolean finished(int step) {
          return true;
        }

        @Override
        public void close() {}
      };
    }
    return new CudaStepEvents(run.stream(), count);
  }
}
