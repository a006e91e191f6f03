package org.segfill.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.segfill.engine.backend.SessionFactory;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.sam.ImageEmbedding;
import org.segfill.engine.sam.SamPrediction;
import org.segfill.engine.sam.SamPredictor;
import org.segfill.engine.sam.SamPrompt;
import org.segfill.engine.segment.Point;
import org.segfill.engine.segment.Prompt;
import org.segfill.models.bundle.SamBundle;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;
import org.segfill.place.KernelPlace;

/**
 * SAM's two stages as the product runs them, per backend: {@code encode} (pre-processing and the
 * image encoder, once per photo) and {@code click} (prompt tensors, decoder and post-processing
 * with the embedding cached, once per click). SampleTime mode, so the report gets p50/p90/p99.
 * {@code sam} is a bundle directory, or {@value BenchBundles#TINY} for the tiny sam-onnx bundle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SamStagesBench {

  /** The default photo size, WIDTHxHEIGHT. */
  public static final String PHOTO = "1024x768";

  @Param({"ort-cpu"})
  public String backend;

  @Param({BenchBundles.TINY})
  public String sam;

  /** The photo; SAM resizes its long side to 1024 whatever the size. */
  @Param({PHOTO})
  public String size;

  private BenchBundles bundle;
  private SamPredictor predictor;
  private RgbImage image;
  private ImageEmbedding embedding;
  private SamPrompt click;

  @Setup(Level.Trial)
  public void load() throws IOException {
    bundle = BenchBundles.of(sam,
        root -> TestBundles.writeSam(root).resolve(TestBundles.SAM_ONNX));
    String[] wh = size.split("x");
    TwoShapesScene scene = TwoShapesScene.landscape()
        .scaledTo(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
    image = scene.image();
    // The backend's own place, so the TensorRT run measures pre- and post-processing on the GPU.
    SessionFactory factory = BenchBackends.open(backend, bundle.dir());
    KernelPlace place = factory.openKernelPlace();
    try {
      predictor = new SamPredictor(SamBundle.locate(bundle.dir()).open(factory), place);
    } catch (RuntimeException e) {
      place.close();
      throw e;
    }
    embedding = predictor.embed(image);
    double[] xy = scene.ellipseClick();
    click = SamPrompt.of(Prompt.of(new Point(xy[0], xy[1], true)));
  }

  @TearDown(Level.Trial)
  public void close() {
    predictor.close();
    bundle.close();
  }

  /** Pre-processing and the image encoder for one photo. */
  @Benchmark
  public ImageEmbedding encode() {
    return predictor.embed(image);
  }

  /** One click on a cached embedding, every candidate mask post-processed to full size. */
  @Benchmark
  public SamPrediction click() {
    return predictor.predict(embedding, click);
  }
}
