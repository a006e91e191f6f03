package org.segfill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.segfill.engine.image.ImageLimits;
import org.segfill.engine.image.PngEncoder;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.sam.SamPrediction;
import org.segfill.engine.sam.SamPredictor;
import org.segfill.engine.sam.SamPrompt;
import org.segfill.engine.segment.Candidate;
import org.segfill.engine.segment.GrabCutSegmenter;
import org.segfill.engine.segment.Prompt;
import org.segfill.engine.segment.SegmentResult;
import org.segfill.models.bundle.SamBundle;
import org.segfill.server.engine.BackendChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segfill segment}: click-to-mask on one image, written as an 8-bit PNG mask. */
@Command(
    name = "segment",
    description = "Mask the object the clicks (and box) point at. Writes an 8-bit PNG mask"
        + " (255 = selected) at the image's size and prints one JSON line. Uses SAM with --sam,"
        + " else the classic GrabCut segmenter. SAM runs on the --backend chosen as serve"
        + " chooses it.")
final class SegmentCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--image", required = true, paramLabel = "IMG",
      description = "JPEG, PNG, WebP or BMP image.")
  private Path image;

  @Option(names = "--point", paramLabel = "X,Y[,1|0]",
      description = "A click in image pixels; 1 (default) positive, 0 negative. Repeatable.")
  private List<String> points = new ArrayList<>();

  @Option(names = "--box", paramLabel = "X0,Y0,X1,Y1", description = "A box around the object.")
  private String box;

  @Option(names = "--sam", paramLabel = "DIR",
      description = "A SAM bundle (sam-onnx or hf layout); without it the classic segmenter runs.")
  private Path sam;

  @Mixin private BackendOption backend;

  @Option(names = "--multimask",
      description = "Also write every candidate as <out-stem>.<k>.png and list them.")
  private boolean multimask;

  @Option(names = "--out", required = true, paramLabel = "MASK.png",
      description = "Where to write the mask.")
  private Path out;

  @Override
  public Integer call() throws IOException {
    Prompt prompt = PromptArgs.parse(points, box);
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new IllegalArgumentException("--out: directory " + parent + " does not exist");
    }
    // Before the image is read: a backend that cannot run fails fast.
    BackendChoice choice = backend.choose(sam);
    RgbImage rgb = ImageFiles.read("--image", image, ImageLimits.defaults());
    prompt.requireInside(rgb.width(), rgb.height());

    ObjectNode line = new ObjectMapper().createObjectNode();
    long start = System.nanoTime();
    SegmentResult result;
    if (sam == null) {
      result = new GrabCutSegmenter().segment(rgb, prompt);
      line.put("engine", "classic");
      line.putNull("layout");
      line.put("note", "no SAM bundle given (--sam): classic GrabCut segmenter");
    } else {
      try (SamPredictor predictor =
          SamBundle.locate(sam).predictor(choice.factory(sam, List.of(sam)))) {
        SamPrediction prediction = predictor.predict(predictor.embed(rgb),
            new SamPrompt(prompt, null, multimask));
        result = prediction.toSegmentResult();
        line.put("engine", "sam");
        line.put("layout", predictor.layout().id());
        line.put("bundle", predictor.bundleId());
        line.put("backend", choice.selected());
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;

    Candidate best = result.candidates().get(result.best());
    Files.write(out, PngEncoder.encodeGray(result.width(), result.height(), result.mask()));
    putScore(line, "score", best.score());
    line.put("area", best.area());
    line.put("width", result.width());
    line.put("height", result.height());
    line.put("ms", ms);
    if (multimask) {
      line.set("candidates", writeCandidates(result));
    }
    spec.commandLine().getOut().println(line);
    return 0;
  }

  private ArrayNode writeCandidates(SegmentResult result) throws IOException {
    String name = out.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    ArrayNode list = new ObjectMapper().createArrayNode();
    for (int k = 0; k < result.candidates().size(); k++) {
      Candidate c = result.candidates().get(k);
      Path file = out.resolveSibling(stem + "." + (k + 1) + ".png");
      Files.write(file, PngEncoder.encodeGray(result.width(), result.height(), c.mask()));
      ObjectNode entry = list.addObject();
      entry.put("file", file.toString());
      putScore(entry, "score", c.score());
      entry.put("area", c.area());
    }
    return list;
  }

  // The classic segmenter has no confidence: NaN, which JSON writes as null.
  private static void putScore(ObjectNode node, String field, float score) {
    if (Float.isNaN(score)) {
      node.putNull(field);
    } else {
      node.put(field, score);
    }
  }
}
