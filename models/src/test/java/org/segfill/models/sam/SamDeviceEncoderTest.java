package org.segfill.models.sam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.segfill.engine.backend.HostDeviceSession;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.sam.ImageEmbedding;
import org.segfill.engine.sam.SamGraphs;
import org.segfill.engine.sam.SamPrediction;
import org.segfill.engine.sam.SamPredictor;
import org.segfill.engine.sam.SamPrompt;
import org.segfill.engine.segment.Point;
import org.segfill.engine.segment.Prompt;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * The encoder path of a device session (TensorRT's), where the pre-processing kernel writes
 * into the encoder's input buffer, run on the CPU through {@link HostDeviceSession}: for both
 * layouts and both scene orientations a click on its embedding gives the host path's masks and
 * scores bit for bit.
 */
class SamDeviceEncoderTest {

  @ParameterizedTest
  @ValueSource(strings = {TestBundles.SAM_ONNX, TestBundles.SAM_HF})
  void theDeviceEncoderGivesTheHostPathsEmbeddingAndMasks(String layout) {
    for (TwoShapesScene scene : new TwoShapesScene[] {TwoShapesScene.landscape(),
        TwoShapesScene.portrait()}) {
      RgbImage image = scene.image();
      SamGraphs graphs = SamBundlesFixture.open(layout);
      HostDeviceSession encoder = HostDeviceSession.oneRunAtATime(graphs.encoder());
      try (SamPredictor host = new SamPredictor(SamBundlesFixture.open(layout));
          SamPredictor device = new SamPredictor(new SamGraphs(graphs.layout(),
              graphs.bundleId(), encoder, graphs.decoder()))) {
        ImageEmbedding a = host.embed(image);
        ImageEmbedding b = device.embed(image);
        assertEquals(1, encoder.runsPrepared(), "the encoder ran as a device run");
        SamPrompt click = SamPrompt.of(Prompt.of(new Point(scene.ellipseClick()[0],
            scene.ellipseClick()[1], true)));
        SamPrediction pa = host.predict(a, click);
        SamPrediction pb = device.predict(b, click);
        assertEquals(pa.candidates().size(), pb.candidates().size());
        for (int i = 0; i < pa.candidates().size(); i++) {
          assertArrayEquals(pa.candidates().get(i).mask(), pb.candidates().get(i).mask(),
              layout + " mask " + i);
          // Bit-equal scores: the decoder saw the same embedding.
          assertEquals(pa.candidates().get(i).score(), pb.candidates().get(i).score(), 0f);
        }
      }
    }
  }
}
