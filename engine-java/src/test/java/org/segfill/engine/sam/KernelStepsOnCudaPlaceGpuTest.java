package org.segfill.engine.sam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.segfill.engine.image.RgbImage;
import org.segfill.place.CudaPlace;
import org.segfill.place.KernelPlace;
import org.segfill.testing.RequiresCuda;

/**
 * SAM pre- and post-processing on a {@link CudaPlace} against the CPU place. Both are bit exact
 * on the GPU (ImageKernelsGpuTest: the SAM resize is bilinear, integer passes and single IEEE
 * conversions), so preprocess tensors and masks must be identical.
 */
@RequiresCuda
class KernelStepsOnCudaPlaceGpuTest {

  private final SamSteps cpu = SamSteps.standard(KernelPlace.cpu());
  private CudaPlace place;
  private SamSteps gpu;

  @BeforeEach
  void open() {
    place = CudaPlace.create();
    gpu = SamSteps.standard(place);
  }

  @AfterEach
  void close() {
    place.close();
  }

  @Test
  void preprocessEqualsTheCpuPlace() {
    long seed = 90;
    for (int[] s : SamStepsData.SIZES) {
      RgbImage image = SamStepsData.image(s[0], s[1], seed++);
      SamFrame frame = SamFrame.of(s[0], s[1]);
      assertArrayEquals(cpu.preprocess().toInput(image, frame).toFloatArray(),
          gpu.preprocess().toInput(image, frame).toFloatArray(), s[0] + "x" + s[1]);
    }
  }

  @Test
  void postprocessEqualsTheCpuPlace() {
    long seed = 100;
    for (int[] s : SamStepsData.SIZES) {
      float[][] planes = SamStepsData.logits(3, seed++);
      SamFrame frame = SamFrame.of(s[0], s[1]);
      assertMasksEqual(cpu.postprocess().toMasks(planes, frame),
          gpu.postprocess().toMasks(planes, frame), s[0] + "x" + s[1]);
    }
  }

  @Test
  void concurrentCallsTakeTurnsOnTheOneStream() throws Exception {
    SamFrame frame = SamFrame.of(4000, 3000);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<float[][]> inputs = new ArrayList<>();
      List<Future<byte[][]>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        float[][] planes = SamStepsData.logits(3, 110 + i);
        inputs.add(planes);
        results.add(pool.submit(() -> gpu.postprocess().toMasks(planes, frame)));
      }
      for (int i = 0; i < inputs.size(); i++) {
        assertMasksEqual(cpu.postprocess().toMasks(inputs.get(i), frame), results.get(i).get(),
            "call " + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertMasksEqual(byte[][] expected, byte[][] actual, String label) {
    assertEquals(expected.length, actual.length, label);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], label + " plane " + i);
    }
  }
}
