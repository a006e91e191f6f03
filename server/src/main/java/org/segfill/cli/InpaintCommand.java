package org.segfill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.segfill.engine.edit.EditEngine;
import org.segfill.engine.edit.EditRequest;
import org.segfill.engine.edit.EditResult;
import org.segfill.engine.edit.EditVariant;
import org.segfill.engine.image.ImageLimits;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.BackgroundSpec;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.sdxl.InpaintRequest;
import org.segfill.engine.sdxl.ProgressListener;
import org.segfill.engine.sdxl.Region;
import org.segfill.engine.sdxl.SdxlInpaintPipeline;
import org.segfill.engine.sdxl.scheduler.Sampler;
import org.segfill.models.bundle.SdxlBundle;
import org.segfill.server.engine.BackendChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segfill inpaint}: one edit of one image, with SDXL or the classic engine. */
@Command(
    name = "inpaint",
    description = "Regenerate the background (default), the subject, or remove the selection."
        + " Writes one PNG per result (recipe in a tEXt chunk) and prints one JSON line each."
        + " Uses SDXL with --sdxl, else the classic engine. SDXL runs on the --backend chosen"
        + " as serve chooses it.")
final class InpaintCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--image", required = true, paramLabel = "IMG") private Path image;

  @Option(names = "--mask", required = true, paramLabel = "MASK",
      description = "The selection (white = subject) at the image's size.")
  private Path mask;

  @Option(names = "--target", defaultValue = "background",
      description = "background (keep the subject), subject, or remove.")
  private String target;

  @Option(names = "--background", paramLabel = "SPEC",
      description = "Composite instead of generating: color:#RRGGBB, blur:N or image:PATH.")
  private String background;

  @Option(names = "--prompt", defaultValue = "") private String prompt;

  @Option(names = "--negative", description = "Negative prompt (absent: zero embeddings).")
  private String negative;

  @Option(names = "--guidance", defaultValue = "7.5") private double guidance;

  @Option(names = "--steps", defaultValue = "30") private int steps;

  @Option(names = "--strength", defaultValue = "0.99") private double strength;

  @Option(names = "--seed", description = "0 .. 2^53-1; random (and printed) when absent.")
  private Long seed;

  @Option(names = "--count", defaultValue = "1") private int count;

  @Option(names = "--sampler", defaultValue = "euler",
      description = "euler, euler_a, dpmpp_2m or dpmpp_2m_karras.")
  private String sampler;

  @Option(names = "--region", defaultValue = "auto", description = "auto, full or crop.")
  private String region;

  @Option(names = "--mask-grow", defaultValue = "6", paramLabel = "PX") private int maskGrow;

  @Option(names = "--mask-feather", defaultValue = "8", paramLabel = "PX")
  private int maskFeather;

  @Option(names = "--no-color-match") private boolean noColorMatch;

  @Option(names = "--sdxl", paramLabel = "DIR", description = "An SDXL inpainting bundle.")
  private Path sdxl;

  @Mixin private BackendOption backend;

  @Option(names = "--out-dir", required = true, paramLabel = "DIR") private Path outDir;

  @Override
  public Integer call() throws IOException {
    InpaintRequest generation = new InpaintRequest(Target.parse(target), prompt, negative,
        guidance, steps, strength, seed == null ? randomSeed() : seed, count,
        Sampler.fromId(sampler), Region.parse(region), new RepaintShape(maskGrow, maskFeather),
        !noColorMatch);
    if (!Files.isDirectory(outDir)) {
      throw new IllegalArgumentException("--out-dir: " + outDir + " is not a directory");
    }
    // Before the images are read: a backend that cannot run fails fast.
    BackendChoice choice = backend.choose(sdxl);
    ImageLimits limits = ImageLimits.defaults();
    RgbImage photo = ImageFiles.read("--image", image, limits);
    BackgroundSpec backdrop = background == null ? null : BackgroundSpec.parse(
        background.startsWith("color:") ? background.substring("color:".length()) : background,
        path -> ImageFiles.read("--background", Path.of(path), limits));
    PrintWriter err = spec.commandLine().getErr();
    ProgressListener progress = p -> err.printf("step %d/%d%n", p.step(), p.steps());

    EditResult result;
    try (Mask selection = MaskFiles.read("--mask", mask, photo.width(), photo.height(), limits);
        SdxlInpaintPipeline pipeline = sdxl == null ? null : open(sdxl, choice)) {
      EditEngine engine = new EditEngine(Optional.ofNullable(pipeline));
      result = engine.edit(photo, selection, new EditRequest(generation, backdrop), progress,
          () -> false);
    }
    write(result);
    return 0;
  }

  private void write(EditResult result) throws IOException {
    ObjectMapper json = new ObjectMapper();
    String stem = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    PrintWriter out = spec.commandLine().getOut();
    for (EditVariant v : result.variants()) {
      String name = stem + "." + target + (v.seed() >= 0 ? "." + v.seed() : "") + ".png";
      Path file = outDir.resolve(name);
      ResultFiles.write(file, v.image(), v.recipe());
      ObjectNode line = json.createObjectNode();
      line.put("file", file.toString());
      if (v.seed() >= 0) {
        line.put("seed", v.seed());
      } else {
        line.putNull("seed");
      }
      line.set("recipe", json.valueToTree(v.recipe()));
      line.set("timings", json.valueToTree(result.timingsMs()));
      line.set("warnings", json.valueToTree(result.warnings()));
      out.println(line);
    }
  }

  // The recipe names the backend by its factory's name, as serve's recipes do, so results
  // from both say the same for the same backend.
  private static SdxlInpaintPipeline open(Path dir, BackendChoice choice) throws IOException {
    SdxlBundle bundle = SdxlBundle.locate(dir);
    return bundle.pipeline(choice.factory(dir, List.of(dir)));
  }

  private static long randomSeed() {
    return new SecureRandom().nextLong(InpaintRequest.MAX_SEED + 1);
  }
}
