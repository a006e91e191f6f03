package org.segfill.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
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
import org.segfill.engine.backend.ForwardingSession;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.sam.ImageEmbedding;
import org.segfill.engine.sam.SamGraphs;
import org.segfill.engine.sam.SamPrediction;
import org.segfill.engine.sam.SamPredictor;
import org.segfill.engine.sam.SamPrompt;
import org.segfill.engine.segment.Point;
import org.segfill.engine.segment.Prompt;
import org.segfill.models.bundle.SamBundle;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * The click path with a cached embedding: one click's prompt tensors, decoder call and
 * post-processing of every candidate to full size, on the tiny SAM bundles, for a 1024-long-side
 * image and a 4000x3000 photo.
 *
 * <p>{@code click} runs the tiny decoder; {@code outsideDecoder} runs the same predictor with a
 * decoder that replays a recorded answer instantly, so it measures only segfill's own work
 * around the decoder call: pre (prompt tensors), post (the mask kernel per candidate) and the
 * copies. With the real SAM decoder only the decoder call grows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ClickBench {

  @Param({"1024x768", "4000x3000"})
  public String size;

  @Param({TestBundles.SAM_ONNX, TestBundles.SAM_HF})
  public String layout;

  private Path bundles;
  private SamPredictor predictor;
  private SamPredictor replaying;
  private ImageEmbedding embedding;
  private SamPrompt click;

  @Setup(Level.Trial)
  public void load() throws IOException {
    String[] wh = size.split("x");
    TwoShapesScene scene = TwoShapesScene.landscape()
        .scaledTo(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
    bundles = TestBundles.writeSam(Files.createTempDirectory("segfill-bench-bundles"));
    OrtBackend ort = new OrtBackend();
    SamBundle bundle = SamBundle.locate(bundles.resolve(layout));
    predictor = new SamPredictor(bundle.open(ort));
    embedding = predictor.embed(scene.image());
    double[] xy = scene.ellipseClick();
    click = SamPrompt.of(Prompt.of(new Point(xy[0], xy[1], true)));

    SamGraphs graphs = bundle.open(ort);
    replaying = new SamPredictor(new SamGraphs(graphs.layout(), graphs.bundleId(),
        graphs.encoder(), new Replay(graphs.decoder())));
    replaying.embed(scene.image());
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    predictor.close();
    replaying.close();
    try (var files = Files.walk(bundles)) {
      for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public SamPrediction click() {
    return predictor.predict(embedding, click);
  }

  @Benchmark
  public SamPrediction outsideDecoder() {
    return replaying.predict(embedding, click);
  }

  /** A decoder session that runs once, then answers every call with that first answer. */
  private static final class Replay extends ForwardingSession {
    private volatile Map<String, Tensor> answer;

    Replay(Session real) {
      super(real);
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs, Set<String> wanted) {
      Map<String, Tensor> a = answer;
      if (a == null) {
        a = super.run(inputs, wanted);
        answer = a;
      }
      return a;
    }
  }
}
