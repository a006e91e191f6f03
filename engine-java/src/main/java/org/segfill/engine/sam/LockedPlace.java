package org.segfill.engine.sam;

import java.util.Objects;
import java.util.function.Consumer;
import org.segfill.kernels.KernelTarget;
import org.segfill.place.KernelPlace;

/**
 * A predictor's kernel place, lent to one caller at a time; its pre- and post-processing share
 * one instance. It does not own the place: the predictor closes that.
 */
final class LockedPlace {

  private final KernelPlace place;
  private final Object lock = new Object();

  LockedPlace(KernelPlace place) {
    this.place = Objects.requireNonNull(place, "place");
  }

  /** The target to build kernel objects on; using them outside {@link #use} is a mistake. */
  KernelTarget target() {
    return place.target();
  }

  /**
   * Runs {@code work} on the place while holding its lock.
   *
   * <p>A place serves one thread at a time (a CUDA place has one stream, and its download waits
   * for everything queued on it), while the predictor serves concurrent clicks. Holding one lock
   * for a whole upload-kernels-download sequence is the simplest design that is correct on both
   * places: nothing of another click is queued in between, and every buffer is freed before the
   * next caller starts. Taking turns costs little: a call is a handful of copies and kernels,
   * and on the CPU twin each large kernel already spreads over every core with OpenMP. The
   * encoder and decoder runs stay outside the lock.
   */
  void use(Consumer<KernelPlace> work) {
    synchronized (lock) {
      work.accept(place);
    }
  }
}
