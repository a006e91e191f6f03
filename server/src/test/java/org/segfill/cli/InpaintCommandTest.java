package org.segfill.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.segfill.engine.backend.BackendKind;
import org.segfill.engine.backend.BackendProbes;
import org.segfill.engine.image.ImageDecoder;
import org.segfill.engine.image.ImageLimits;
import org.segfill.engine.image.PngEncoder;
import org.segfill.engine.image.PngText;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.RepaintMask;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.mask.Mask;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;
import picocli.CommandLine;

/**
 * {@code segfill inpaint} end to end on the tiny SDXL bundle and with the classic engine, and
 * its {@code --backend}.
 */
class InpaintCommandTest {

  @TempDir static Path dir;
  private static Path sdxl;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TwoShapesScene SCENE = TwoShapesScene.landscape().scaledTo(768, 512);
  private static final byte[] ORIGINAL = SCENE.image().rgb();
  private static Path imageFile;
  private static Path maskFile;

  @BeforeAll
  static void writeInputs() throws IOException {
    sdxl = TestBundles.writeSdxl(Files.createDirectories(dir.resolve("bundles")));
    imageFile = Files.write(dir.resolve("scene.png"), PngEncoder.encode(SCENE.image()));
    maskFile = Files.write(dir.resolve("ellipse.png"),
        PngEncoder.encodeGray(SCENE.width(), SCENE.height(), SCENE.ellipseMask()));
  }

  private static CliRun inpaint(Path out, String... extra) throws IOException {
    Files.createDirectories(out);
    List<String> args = new ArrayList<>(List.of("inpaint", "--image", imageFile.toString(),
        "--mask", maskFile.toString(), "--out-dir", out.toString()));
    List<String> given = Arrays.asList(extra);
    // Short runs by default; a test may set its own steps or seed.
    if (!given.contains("--steps")) {
      args.addAll(List.of("--steps", "8"));
    }
    if (!given.contains("--seed")) {
      args.addAll(List.of("--seed", "7"));
    }
    args.addAll(given);
    return CliRun.of(args.toArray(String[]::new));
  }

  private static RgbImage read(JsonNode line) throws IOException {
    return new ImageDecoder(ImageLimits.defaults())
        .decode(Files.readAllBytes(Path.of(line.get("file").asText())));
  }

  private static byte[] alpha(Target target) {
    try (Mask selection = Mask.of(SCENE.width(), SCENE.height(), SCENE.ellipseMask())) {
      return RepaintMask.build(selection, target, RepaintShape.DEFAULT).alpha();
    }
  }

  @Test
  void theBackgroundIsRegeneratedAndTheSubjectKeepsItsBytes() throws IOException {
    CliRun run = inpaint(dir.resolve("bg"), "--sdxl", sdxl.toString(), "--prompt",
        "green grass", "--count", "2");
    assertEquals(0, run.exit(), run.err());
    List<JsonNode> lines = lines(run.out());
    assertEquals(2, lines.size());
    byte[] alpha = alpha(Target.BACKGROUND);
    for (int v = 0; v < 2; v++) {
      JsonNode line = lines.get(v);
      assertEquals(7 + v, line.get("seed").asLong());
      assertEquals("sdxl", line.get("recipe").get("engine").asText());
      assertTrue(line.get("timings").has("denoise"));
      RgbImage out = read(line);
      assertEquals(SCENE.width(), out.width());
      assertEquals(SCENE.height(), out.height());
      long kept = 0;
      long changed = 0;
      for (int i = 0; i < alpha.length; i++) {
        boolean same = out.rgb()[3 * i] == ORIGINAL[3 * i]
            && out.rgb()[3 * i + 1] == ORIGINAL[3 * i + 1]
            && out.rgb()[3 * i + 2] == ORIGINAL[3 * i + 2];
        if (alpha[i] == 0) {
          assertTrue(same, "alpha-0 pixel " + i + " changed");
          kept++;
        } else if ((alpha[i] & 0xff) == 255 && !same) {
          changed++;
        }
      }
      assertTrue(kept > 10_000, "kept " + kept);
      assertTrue(changed > alpha.length / 2, "changed " + changed);
      // The recipe travels in the PNG.
      String recipe = PngText.read(Files.readAllBytes(Path.of(line.get("file").asText())))
          .get(ResultFiles.RECIPE_KEY);
      assertEquals(line.get("recipe"), JSON.readTree(recipe));
    }
  }

  @Test
  void theSameRequestGivesTheSameBytesAndAnotherSeedOrPromptDoesNot() throws IOException {
    byte[] a = read(lines(inpaint(dir.resolve("a"), "--sdxl", sdxl.toString()).out()).get(0))
        .rgb();
    byte[] b = read(lines(inpaint(dir.resolve("b"), "--sdxl", sdxl.toString()).out()).get(0))
        .rgb();
    assertArrayEquals(a, b);
    byte[] seed = read(lines(inpaint(dir.resolve("c"), "--sdxl", sdxl.toString(), "--seed",
        "8").out()).get(0)).rgb();
    assertFalse(Arrays.equals(a, seed), "another seed");
    byte[] prompt = read(lines(inpaint(dir.resolve("d"), "--sdxl", sdxl.toString(),
        "--prompt", "red bricks").out()).get(0)).rgb();
    assertFalse(Arrays.equals(a, prompt), "another prompt");
  }

  @Test
  void theSubjectTargetChangesTheSubjectAndKeepsTheBackground() throws IOException {
    CliRun run = inpaint(dir.resolve("subject"), "--sdxl", sdxl.toString(), "--target",
        "subject", "--prompt", "a photo");
    assertEquals(0, run.exit(), run.err());
    RgbImage out = read(lines(run.out()).get(0));
    byte[] alpha = alpha(Target.SUBJECT);
    long changedInside = 0;
    for (int i = 0; i < alpha.length; i++) {
      if (alpha[i] == 0) {
        for (int c = 0; c < 3; c++) {
          assertEquals(ORIGINAL[3 * i + c], out.rgb()[3 * i + c]);
        }
      } else if ((alpha[i] & 0xff) == 255 && out.rgb()[3 * i] != ORIGINAL[3 * i]) {
        changedInside++;
      }
    }
    assertTrue(changedInside > 1000, "subject pixels changed: " + changedInside);
  }

  @Test
  void aLargePhotoGoesThroughCropToMaskAtFullSize() throws IOException {
    TwoShapesScene big = TwoShapesScene.landscape().scaledTo(3000, 2000);
    Path photo = Files.write(dir.resolve("big.png"), PngEncoder.encode(big.image()));
    Path subject = Files.write(dir.resolve("big-mask.png"),
        PngEncoder.encodeGray(big.width(), big.height(), big.rectangleMask()));
    Path out = Files.createDirectories(dir.resolve("big"));
    CliRun run = CliRun.of("inpaint", "--image", photo.toString(), "--mask",
        subject.toString(), "--target", "subject", "--steps", "6", "--seed", "1", "--sdxl",
        sdxl.toString(), "--out-dir", out.toString());
    assertEquals(0, run.exit(), run.err());
    JsonNode line = lines(run.out()).get(0);
    RgbImage result = read(line);
    assertEquals(3000, result.width());
    assertEquals(2000, result.height());
    JsonNode window = line.get("recipe").get("window");
    assertTrue(window.get(2).asInt() < 3000, "cropped: " + window);
  }

  @Test
  void withoutSdxlTheBackgroundIsBlurredAndRemoveFills() throws IOException {
    CliRun blur = inpaint(dir.resolve("classic"));
    assertEquals(0, blur.exit(), blur.err());
    JsonNode line = lines(blur.out()).get(0);
    assertEquals("classic", line.get("recipe").get("engine").asText());
    assertEquals("blur:25", line.get("recipe").get("fill").asText());
    assertTrue(line.get("seed").isNull());
    assertTrue(line.get("warnings").get(0).asText().startsWith("no SDXL bundle installed"));
    CliRun remove = inpaint(dir.resolve("remove"), "--target", "remove");
    assertEquals(0, remove.exit(), remove.err());
    CliRun colour = inpaint(dir.resolve("colour"), "--background", "color:#00ff00");
    assertEquals(0, colour.exit(), colour.err());
    RgbImage green = read(lines(colour.out()).get(0));
    int corner = 0;
    assertEquals(0, green.rgb()[corner] & 0xff);
    assertEquals(255, green.rgb()[corner + 1] & 0xff);
    CliRun subject = inpaint(dir.resolve("no-sdxl-subject"), "--target", "subject");
    assertEquals(Main.BAD_INPUT, subject.exit());
    assertTrue(subject.err().contains("needs the SDXL inpainting bundle"), subject.err());
  }

  @Test
  void aLongPromptIsTruncatedWithAWarning() throws IOException {
    String longPrompt = String.join(" ", java.util.Collections.nCopies(90, "grass"));
    CliRun run = inpaint(dir.resolve("long"), "--sdxl", sdxl.toString(), "--prompt",
        longPrompt);
    assertEquals(0, run.exit(), run.err());
    assertEquals("prompt: longer than the 75 tokens the text encoders read; the rest was"
        + " ignored", lines(run.out()).get(0).get("warnings").get(0).asText());
  }

  @Test
  void autoGeneratesOnOrtCpuHereAndTheRecipeNamesIt() throws IOException {
    Assumptions.assumeFalse(BackendProbes.availability(BackendKind.ORT_CUDA, List.of(sdxl))
        .available(), "ort-cuda can run here, so auto would pick it");
    Path out = dir.resolve("backend-auto");
    CliRun run = inpaint(out, "--sdxl", sdxl.toString(), "--steps", "2");
    assertEquals(0, run.exit(), run.err());
    // The tiny bundle has no TensorRT plans, so tensorrt is passed over on any machine.
    assertTrue(run.err().startsWith("segfill inpaint: backend ort-cpu: auto: ort-cpu (ONNX"
        + " Runtime on the CPU), the best available; tensorrt unavailable ("), run.err());
    assertRecipeBackend(run, out, "onnxruntime-cpu");
  }

  @Test
  void anExplicitOrtCpuGeneratesAndSaysItWasRequested() throws IOException {
    Path out = dir.resolve("backend-ort-cpu");
    CliRun run = inpaint(out, "--sdxl", sdxl.toString(), "--steps", "2", "--backend",
        "ort-cpu");
    assertEquals(0, run.exit(), run.err());
    assertEquals("segfill inpaint: backend ort-cpu: requested; ONNX Runtime on the CPU",
        run.err().lines().findFirst().orElseThrow());
    assertRecipeBackend(run, out, "onnxruntime-cpu");
  }

  @Test
  void anUnavailableTensorRtFailsFastWithTheReasonAndNoStackTrace() throws IOException {
    Path out = dir.resolve("backend-tensorrt");
    CliRun run = inpaint(out, "--sdxl", sdxl.toString(), "--backend", "tensorrt");
    assertEquals(Main.FAILED, run.exit(), run.err());
    String reason = BackendProbes.availability(BackendKind.TENSORRT, List.of(sdxl)).reason();
    assertEquals("segfill inpaint: backend tensorrt is unavailable: " + reason,
        run.err().strip());
    assertTrue(reason.contains("TensorRT: no engines for " + sdxl), reason);
    assertFalse(run.err().contains("\tat "), run::err);
    // Failed before any step ran or any file was written.
    assertFalse(run.err().contains("step "), run::err);
    assertEquals("", run.out());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void theUsageListsTheBackendsAndTheDefault() {
    // picocli wraps the description; compare with the line breaks folded.
    String usage = new CommandLine(new InpaintCommand()).getUsageMessage()
        .replaceAll("\\s+", " ");
    assertTrue(usage.contains("--backend=B auto (default: the best available of tensorrt,"
        + " ort-cuda and ort-cpu"), usage);
  }

  private static void assertRecipeBackend(CliRun run, Path out, String backend)
      throws IOException {
    JsonNode line = lines(run.out()).get(0);
    Path file = Path.of(line.get("file").asText());
    assertEquals(out, file.getParent());
    assertEquals(backend, line.get("recipe").get("backend").asText());
    // The recipe inside the PNG says the same.
    String recipe = PngText.read(Files.readAllBytes(file)).get(ResultFiles.RECIPE_KEY);
    assertEquals(backend, JSON.readTree(recipe).get("backend").asText());
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of(List.of("--guidance", "20.5"), "guidanceScale: must be in [0, 20.0]"),
        Arguments.of(List.of("--steps", "151"), "steps: must be in [1, 150], got 151"),
        Arguments.of(List.of("--strength", "0"), "strength: must be in (0, 1], got 0.0"),
        Arguments.of(List.of("--count", "5"), "count: must be in [1, 4], got 5"),
        Arguments.of(List.of("--seed", "9007199254740992"), "seed: must be in [0,"),
        Arguments.of(List.of("--steps", "1", "--strength", "0.5"), "strength and steps:"),
        Arguments.of(List.of("--sampler", "ddim"), "sampler must be one of"),
        Arguments.of(List.of("--target", "sky"), "target must be one of"),
        Arguments.of(List.of("--region", "middle"), "region: must be one of"),
        Arguments.of(List.of("--backend", "gpu"), "--backend: backend must be one of [auto,"
            + " tensorrt, ort-cuda, ort-cpu], got 'gpu'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badValuesExitTwoNamingTheField(List<String> flags, String message) throws IOException {
    CliRun run = inpaint(dir.resolve("bad"), flags.toArray(String[]::new));
    assertEquals(Main.BAD_INPUT, run.exit(), run.err());
    assertTrue(run.err().startsWith("segfill inpaint: " + message), run.err());
  }

  @Test
  void badMasksAndBundlesAreNamed() throws IOException {
    Path empty = Files.write(dir.resolve("empty-mask.png"),
        PngEncoder.encodeGray(SCENE.width(), SCENE.height(), new byte[SCENE.width()
            * SCENE.height()]));
    Path small = Files.write(dir.resolve("small-mask.png"), PngEncoder.encodeGray(10, 10,
        new byte[100]));
    Path out = Files.createDirectories(dir.resolve("bad-masks"));
    CliRun nothing = CliRun.of("inpaint", "--image", imageFile.toString(), "--mask",
        empty.toString(), "--target", "subject", "--sdxl", sdxl.toString(), "--steps", "4",
        "--out-dir", out.toString());
    assertEquals(Main.BAD_INPUT, nothing.exit(), nothing.err());
    assertTrue(nothing.err().contains("mask: nothing to repaint"), nothing.err());
    CliRun size = CliRun.of("inpaint", "--image", imageFile.toString(), "--mask",
        small.toString(), "--out-dir", out.toString());
    assertEquals(Main.BAD_INPUT, size.exit());
    assertTrue(size.err().contains("uploaded mask is 10x10 but the image is 768x512"),
        size.err());
    Path broken = Files.createDirectories(dir.resolve("broken-sdxl"));
    TestBundles.writeSdxl(broken);
    Files.delete(broken.resolve("sdxl/vae_decoder/model.onnx"));
    CliRun missing = CliRun.of("inpaint", "--image", imageFile.toString(), "--mask",
        maskFile.toString(), "--sdxl", broken.resolve("sdxl").toString(), "--out-dir",
        out.toString());
    assertEquals(Main.BAD_INPUT, missing.exit());
    assertTrue(missing.err().contains("vae_decoder/model.onnx: missing"), missing.err());
    assertNotEquals(0, Files.list(out).count() + 1);
  }

  private static List<JsonNode> lines(String out) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.strip().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }
}
