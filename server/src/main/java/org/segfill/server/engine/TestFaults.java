package org.segfill.server.engine;

import java.util.Map;
import org.segfill.engine.sam.MaskLogits;
import org.segfill.engine.segment.Prompt;
import org.segfill.kernels.CoreKernels;
import org.segfill.kernels.KernelTarget;
import org.segfill.server.store.StoredImage;

/**
 * Reliability checklist A6, for tests only: with {@code -Dengine.testFaults=true} every click
 * first runs our illegal-address kernel on the GPU, so a test can check that a real sticky CUDA
 * error fails the request with cuda-fatal, ends liveness and makes {@code serve} exit for its
 * supervisor. Nothing else changes; never set it in production.
 */
public final class TestFaults {

  /** The JVM system property that turns it on. */
  public static final String PROPERTY = "engine.testFaults";

  private TestFaults() {}

  /** Whether this JVM was started with {@code -Dengine.testFaults=true}. */
  public static boolean requested() {
    return Boolean.getBoolean(PROPERTY);
  }

  /** {@code engines} with every click breaking the CUDA context first. */
  public static EngineSet breakingClicks(EngineSet engines) {
    return engines.withSegmentation(new Breaking(engines.segmentation()));
  }

  private static final class Breaking implements Segmentation {
    private final Segmentation inner;

    Breaking(Segmentation inner) {
      this.inner = inner;
    }

    @Override
    public SegmentOutcome segment(StoredImage image, Prompt prompt, MaskLogits previous,
        boolean multimask) {
      // The legacy default stream: the fault is the device's, whichever stream meets it.
      new CoreKernels(KernelTarget.cuda(null)).breakTheDeviceForTests();
      return inner.segment(image, prompt, previous, multimask);
    }

    @Override
    public void precompute(StoredImage image) {
      inner.precompute(image);
    }

    @Override
    public boolean supportsBox() {
      return inner.supportsBox();
    }

    @Override
    public boolean supportsPreviousMask() {
      return inner.supportsPreviousMask();
    }

    @Override
    public Map<String, Object> describe() {
      return inner.describe();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
