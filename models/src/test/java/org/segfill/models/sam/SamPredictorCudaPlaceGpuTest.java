package org.segfill.models.sam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.sam.ImageEmbedding;
import org.segfill.engine.sam.SamPrediction;
import org.segfill.engine.sam.SamPredictor;
import org.segfill.engine.sam.SamPrompt;
import org.segfill.engine.segment.Point;
import org.segfill.engine.segment.Prompt;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;
import org.segfill.place.CudaPlace;
import org.segfill.testing.RequiresCuda;

/**
 * A predictor with its pre- and post-processing on a {@link CudaPlace} gives the masks of one on
 * the CPU place, byte for byte. Both run the tiny bundles on ONNX Runtime CPU, so only the place
 * differs; the kernels are bit exact on both (see KernelStepsOnCudaPlaceGpuTest).
 */
@RequiresCuda
class SamPredictorCudaPlaceGpuTest {

  private static final List<TwoShapesScene> SCENES = List.of(TwoShapesScene.landscape(),
      TwoShapesScene.portrait(), TwoShapesScene.landscape().scaledTo(4000, 3000));

  @ParameterizedTest
  @ValueSource(strings = {TestBundles.SAM_ONNX, TestBundles.SAM_HF})
  void masksEqualThoseOfTheCpuPlace(String bundle) {
    CudaPlace place = CudaPlace.create();
    SamPredictor gpu;
    try {
      gpu = new SamPredictor(SamBundlesFixture.open(bundle), place);
    } catch (RuntimeException e) {
      place.close();
      throw e;
    }
    try (gpu; SamPredictor cpu = new SamPredictor(SamBundlesFixture.open(bundle))) {
      for (TwoShapesScene scene : SCENES) {
        RgbImage image = scene.image();
        ImageEmbedding onCpu = cpu.embed(image);
        ImageEmbedding onGpu = gpu.embed(image);
        double[] e = scene.ellipseClick();
        double[] r = scene.rectangleClick();
        for (Prompt prompt : List.of(Prompt.of(new Point(e[0], e[1], true)),
            Prompt.of(new Point(e[0], e[1], true), new Point(r[0], r[1], false)))) {
          SamPrediction want = cpu.predict(onCpu, SamPrompt.of(prompt));
          SamPrediction got = gpu.predict(onGpu, SamPrompt.of(prompt));
          String label = bundle + " " + scene.width() + "x" + scene.height() + " "
              + prompt.points().size() + " point(s)";
          assertEquals(want.candidates().size(), got.candidates().size(), label);
          assertEquals(want.best(), got.best(), label);
          for (int i = 0; i < want.candidates().size(); i++) {
            assertArrayEquals(want.candidates().get(i).mask(), got.candidates().get(i).mask(),
                label + " candidate " + i);
          }
        }
      }
    }
  }
}
