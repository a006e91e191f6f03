package org.segfill.models.sam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.ForwardingSession;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.sam.EmbeddingCache;
import org.segfill.engine.sam.ImageEmbedding;
import org.segfill.engine.sam.SamGraphs;
import org.segfill.engine.sam.SamPrediction;
import org.segfill.engine.sam.SamPredictor;
import org.segfill.engine.sam.SamPrompt;
import org.segfill.engine.sam.SamSegmenter;
import org.segfill.engine.segment.Box;
import org.segfill.engine.segment.Point;
import org.segfill.engine.segment.Prompt;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;

/** The predictor's token choice, refinement, refusals and concurrency on the tiny bundles. */
class SamPredictorTest {

  private static final TwoShapesScene SCENE = TwoShapesScene.landscape();
  private static RgbImage image;
  private static SamPredictor samOnnx;
  private static SamPredictor hf;

  @BeforeAll
  static void open() {
    image = SCENE.image();
    samOnnx = new SamPredictor(SamBundlesFixture.open(TestBundles.SAM_ONNX));
    hf = new SamPredictor(SamBundlesFixture.open(TestBundles.SAM_HF));
  }

  @AfterAll
  static void close() {
    samOnnx.close();
    hf.close();
  }

  private static Point ellipse(boolean positive) {
    return new Point(SCENE.ellipseClick()[0], SCENE.ellipseClick()[1], positive);
  }

  private static Point rectangle(boolean positive) {
    return new Point(SCENE.rectangleClick()[0], SCENE.rectangleClick()[1], positive);
  }

  @Test
  void theFirstClickReturnsThreeScoredCandidatesAndPicksTheBest() {
    for (SamPredictor sam : List.of(samOnnx, hf)) {
      SamPrediction p = sam.predict(sam.embed(image), SamPrompt.of(Prompt.of(ellipse(true))));
      assertEquals(3, p.candidates().size());
      assertArrayEquals(new float[] {0.70f, 0.95f, 0.85f}, new float[] {
          p.candidates().get(0).score(), p.candidates().get(1).score(),
          p.candidates().get(2).score()});
      assertEquals(1, p.best());
      assertTrue(TwoShapesScene.iou(p.bestCandidate().mask(), SCENE.ellipseMask()) > 0.9);
      assertTrue(p.candidates().get(0).area() < p.candidates().get(1).area(), "part < object");
    }
  }

  @Test
  void samOnnxAnswersSeveralClicksWithTokenZeroUnlessMultimaskIsAsked() {
    ImageEmbedding e = samOnnx.embed(image);
    Prompt two = Prompt.of(ellipse(true), rectangle(true));
    SamPrediction single = samOnnx.predict(e, SamPrompt.of(two));
    assertEquals(1, single.candidates().size());
    assertEquals(0.80f, single.bestCandidate().score());
    SamPrediction multi = samOnnx.predict(e, new SamPrompt(two, null, true));
    assertEquals(3, multi.candidates().size());
    SamPrediction hfTwo = hf.predict(hf.embed(image), SamPrompt.of(two));
    assertEquals(3, hfTwo.candidates().size(), "hf always returns its three tokens");
  }

  @Test
  void thePreviousLogitsRefineTheNextClick() {
    ImageEmbedding e = samOnnx.embed(image);
    SamPrediction first = samOnnx.predict(e, SamPrompt.of(Prompt.of(ellipse(true))));
    // The user picks the "whole" candidate, which holds both similar-coloured shapes.
    byte[] both = TwoShapesScene.union(SCENE.ellipseMask(), SCENE.rectangleMask());
    assertTrue(TwoShapesScene.iou(first.candidates().get(2).mask(), both) > 0.9);
    Prompt again = Prompt.of(ellipse(true), new Point(SCENE.ex(), SCENE.ey(), true));
    SamPrediction refined = samOnnx.predict(e,
        new SamPrompt(again, first.logits().get(2), false));
    SamPrediction fresh = samOnnx.predict(e, SamPrompt.of(again));
    assertTrue(TwoShapesScene.iou(refined.bestCandidate().mask(), both) > 0.9,
        "the previous mask carries over");
    assertTrue(TwoShapesScene.iou(fresh.bestCandidate().mask(), SCENE.ellipseMask()) > 0.9,
        "without it only the clicked shape");
  }

  @Test
  void featuresTheLayoutLacksAreRefusedNamingTheField() {
    ImageEmbedding e = hf.embed(image);
    IllegalArgumentException box = assertThrows(IllegalArgumentException.class, () ->
        hf.predict(e, SamPrompt.of(new Prompt(List.of(), new Box(10, 10, 100, 100)))));
    assertTrue(box.getMessage().startsWith("box: the hf SAM bundle has no box input"),
        box.getMessage());
    SamPrediction onnxFirst = samOnnx.predict(samOnnx.embed(image),
        SamPrompt.of(Prompt.of(ellipse(true))));
    IllegalArgumentException previous = assertThrows(IllegalArgumentException.class, () ->
        hf.predict(e, new SamPrompt(Prompt.of(ellipse(true)), onnxFirst.bestLogits(), false)));
    assertTrue(previous.getMessage().startsWith("previousMask: the hf SAM bundle has no"),
        previous.getMessage());
  }

  @Test
  void logitsOfAnotherImageAreRefused() {
    RgbImage other = TwoShapesScene.portrait().image();
    SamPrediction onOther = samOnnx.predict(samOnnx.embed(other),
        SamPrompt.of(Prompt.of(new Point(10, 10, true))));
    ImageEmbedding e = samOnnx.embed(image);
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () ->
        samOnnx.predict(e, new SamPrompt(Prompt.of(ellipse(true)), onOther.bestLogits(), false)));
    assertTrue(refused.getMessage().startsWith("previousMask: these logits belong to image"));
  }

  @Test
  void aPointOutsideTheImageIsRefusedBeforeTheEncoderRuns() {
    CountingEncoder counting = new CountingEncoder();
    try (SamPredictor sam = counting.predictor()) {
      SamSegmenter segmenter = new SamSegmenter(sam, new EmbeddingCache(64 << 20));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
          segmenter.segment(image, Prompt.of(new Point(1537, 10, true))));
      assertEquals("points[0].x must be in [0, 1537), got 1537.0", e.getMessage());
      assertEquals(0, counting.runs.get());
    }
  }

  @Test
  void concurrentClicksOnOneImageEncodeItOnceAndAgree() throws Exception {
    CountingEncoder counting = new CountingEncoder();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try (SamPredictor sam = counting.predictor()) {
      SamSegmenter segmenter = new SamSegmenter(sam, new EmbeddingCache(64 << 20));
      List<Future<byte[]>> masks = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Point click = i % 2 == 0 ? ellipse(true) : rectangle(true);
        masks.add(pool.submit(() -> segmenter.segment(image, Prompt.of(click)).mask()));
      }
      for (int i = 0; i < masks.size(); i++) {
        byte[] expected = i % 2 == 0 ? SCENE.ellipseMask() : SCENE.rectangleMask();
        assertTrue(TwoShapesScene.iou(masks.get(i).get(), expected) > 0.9, "click " + i);
        assertArrayEquals(masks.get(i % 2).get(), masks.get(i).get(), "same click, same mask");
      }
      assertEquals(1, counting.runs.get());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The tiny sam-onnx encoder behind a session that counts its runs. */
  private static final class CountingEncoder {
    final AtomicInteger runs = new AtomicInteger();

    SamPredictor predictor() {
      SamGraphs graphs = SamBundlesFixture.open(TestBundles.SAM_ONNX);
      Session counted = new ForwardingSession(graphs.encoder()) {
        @Override
        public Map<String, Tensor> run(Map<String, Tensor> inputs, Set<String> wanted) {
          runs.incrementAndGet();
          return super.run(inputs, wanted);
        }
      };
      return new SamPredictor(new SamGraphs(graphs.layout(), graphs.bundleId(), counted,
          graphs.decoder()));
    }
  }
}
