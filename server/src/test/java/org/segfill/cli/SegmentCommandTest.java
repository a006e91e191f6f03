package org.segfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.segfill.engine.backend.BackendKind;
import org.segfill.engine.backend.BackendProbes;
import org.segfill.engine.image.DecodedPixels;
import org.segfill.engine.image.ImageDecoder;
import org.segfill.engine.image.ImageLimits;
import org.segfill.engine.image.PngEncoder;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;
import picocli.CommandLine;

/**
 * {@code segfill segment} end to end: tiny SAM bundles in both layouts, classic, bad input,
 * {@code --backend}.
 */
class SegmentCommandTest {

  @TempDir static Path dir;
  private static Path bundles;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void writeInputs() throws IOException {
    bundles = TestBundles.writeSam(Files.createDirectories(dir.resolve("bundles")));
    for (TwoShapesScene scene : List.of(TwoShapesScene.landscape(), TwoShapesScene.portrait())) {
      Files.write(imageFile(scene), PngEncoder.encode(scene.image()));
    }
  }

  private static Path imageFile(TwoShapesScene scene) {
    return dir.resolve("scene-" + scene.width() + "x" + scene.height() + ".png");
  }

  static Stream<Arguments> engines() {
    return Stream.of(TwoShapesScene.landscape(), TwoShapesScene.portrait()).flatMap(s ->
        Stream.of(Arguments.of(TestBundles.SAM_ONNX, s), Arguments.of(TestBundles.SAM_HF, s),
            Arguments.of("classic", s)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("engines")
  void aClickInsideAShapeMasksThatShape(String engine, TwoShapesScene scene) throws IOException {
    Path mask = dir.resolve(engine + "-" + scene.width() + ".png");
    double[] click = scene.ellipseClick();
    double[] other = scene.rectangleClick();
    List<String> args = new ArrayList<>(List.of("segment", "--image",
        imageFile(scene).toString(), "--point", click[0] + "," + click[1],
        "--point", other[0] + "," + other[1] + ",0", "--out", mask.toString()));
    if (!engine.equals("classic")) {
      args.addAll(List.of("--sam", bundles.resolve(engine).toString()));
    }
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exit(), run.err());
    JsonNode line = JSON.readTree(run.out());
    assertEquals(engine.equals("classic") ? "classic" : "sam", line.get("engine").asText());
    assertEquals(scene.width(), line.get("width").asInt());
    assertEquals(scene.height(), line.get("height").asInt());
    byte[] selected = readMask(mask, scene);
    double iou = TwoShapesScene.iou(selected, scene.ellipseMask());
    assertTrue(iou >= (engine.equals("classic") ? 0.85 : 0.9), engine + " IoU " + iou);
    assertEquals(0.0, TwoShapesScene.covered(selected, scene.rectangleMask()), 0.01);
    long area = 0;
    for (byte b : selected) {
      area += b != 0 ? 1 : 0;
    }
    assertEquals(area, line.get("area").asLong());
  }

  @Test
  void multimaskWritesEveryCandidateAndListsThem() throws IOException {
    TwoShapesScene scene = TwoShapesScene.landscape();
    Path mask = dir.resolve("multi.png");
    double[] click = scene.ellipseClick();
    CliRun run = CliRun.of("segment", "--image", imageFile(scene).toString(), "--point",
        click[0] + "," + click[1], "--sam", bundles.resolve(TestBundles.SAM_ONNX).toString(),
        "--multimask", "--out", mask.toString());
    assertEquals(0, run.exit(), run.err());
    JsonNode line = JSON.readTree(run.out());
    assertEquals("sam-onnx", line.get("layout").asText());
    JsonNode candidates = line.get("candidates");
    assertEquals(3, candidates.size());
    for (int k = 1; k <= 3; k++) {
      Path file = dir.resolve("multi." + k + ".png");
      assertEquals(file.toString(), candidates.get(k - 1).get("file").asText());
      assertTrue(Files.size(file) > 0);
    }
    assertEquals(0.95, line.get("score").asDouble(), 1e-6);
    assertTrue(candidates.get(0).get("area").asLong() < candidates.get(1).get("area").asLong());
  }

  @Test
  void autoRunsSamOnOrtCpuHereAndSaysWhyOnStderr() throws IOException {
    Path bundle = bundles.resolve(TestBundles.SAM_ONNX);
    Assumptions.assumeFalse(BackendProbes.availability(BackendKind.ORT_CUDA, List.of(bundle))
        .available(), "ort-cuda can run here, so auto would pick it");
    Path mask = dir.resolve("auto.png");
    CliRun run = segmentOnBackend(bundle, mask);
    assertEquals(0, run.exit(), run.err());
    assertTrue(Files.size(mask) > 0);
    assertEquals("ort-cpu", JSON.readTree(run.out()).get("backend").asText());
    // The tiny bundles have no TensorRT plans, so tensorrt is passed over on any machine.
    assertTrue(run.err().startsWith("segfill segment: backend ort-cpu: auto: ort-cpu (ONNX"
        + " Runtime on the CPU), the best available; tensorrt unavailable ("), run.err());
    assertTrue(run.err().contains("; ort-cuda unavailable ("), run.err());
  }

  @Test
  void anExplicitOrtCpuRunsSamAndSaysItWasRequested() throws IOException {
    Path mask = dir.resolve("ort-cpu.png");
    CliRun run = segmentOnBackend(bundles.resolve(TestBundles.SAM_HF), mask, "--backend",
        "ort-cpu");
    assertEquals(0, run.exit(), run.err());
    assertTrue(Files.size(mask) > 0);
    JsonNode line = JSON.readTree(run.out());
    assertEquals("sam", line.get("engine").asText());
    assertEquals("ort-cpu", line.get("backend").asText());
    assertEquals("segfill segment: backend ort-cpu: requested; ONNX Runtime on the CPU",
        run.err().strip());
  }

  @Test
  void anUnavailableTensorRtFailsFastWithTheReasonAndNoStackTrace() {
    Path bundle = bundles.resolve(TestBundles.SAM_ONNX);
    Path mask = dir.resolve("tensorrt.png");
    CliRun run = segmentOnBackend(bundle, mask, "--backend", "tensorrt");
    assertEquals(Main.FAILED, run.exit(), run.err());
    String reason = BackendProbes.availability(BackendKind.TENSORRT, List.of(bundle)).reason();
    assertEquals("segfill segment: backend tensorrt is unavailable: " + reason,
        run.err().strip());
    // On any machine the tiny bundle has no plans; here there is no GPU either.
    assertTrue(reason.contains("TensorRT: no engines for " + bundle), reason);
    assertFalse(run.err().contains("\tat "), run::err);
    assertEquals("", run.out());
    assertTrue(Files.notExists(mask));
  }

  @Test
  void anUnknownBackendExitsTwoNamingTheFlagAndTheChoices() {
    Path mask = dir.resolve("unknown-backend.png");
    // Refused with or without a bundle, as serve refuses it.
    for (List<String> sam : List.of(List.<String>of(),
        List.of("--sam", bundles.resolve(TestBundles.SAM_ONNX).toString()))) {
      List<String> args = new ArrayList<>(List.of("segment", "--image",
          imageFile(TwoShapesScene.landscape()).toString(), "--point", "500,300", "--out",
          mask.toString(), "--backend", "gpu"));
      args.addAll(sam);
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertEquals(Main.BAD_INPUT, run.exit(), run.err());
      assertEquals("segfill segment: --backend: backend must be one of [auto, tensorrt,"
          + " ort-cuda, ort-cpu], got 'gpu'", run.err().strip());
      assertTrue(Files.notExists(mask));
    }
  }

  @Test
  void theUsageListsTheBackendsAndTheDefault() {
    // picocli wraps the description; compare with the line breaks folded.
    String usage = new CommandLine(new SegmentCommand()).getUsageMessage()
        .replaceAll("\\s+", " ");
    assertTrue(usage.contains("--backend=B auto (default: the best available of tensorrt,"
        + " ort-cuda and ort-cpu"), usage);
  }

  private static CliRun segmentOnBackend(Path bundle, Path mask, String... backend) {
    TwoShapesScene scene = TwoShapesScene.landscape();
    double[] click = scene.ellipseClick();
    List<String> args = new ArrayList<>(List.of("segment", "--image",
        imageFile(scene).toString(), "--point", click[0] + "," + click[1], "--sam",
        bundle.toString(), "--out", mask.toString()));
    args.addAll(List.of(backend));
    return CliRun.of(args.toArray(String[]::new));
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("no points and no box", List.<String>of(),
            "points and box: a prompt needs at least one point or a box"),
        Arguments.of("a point outside the image", List.of("--point", "1537,10"),
            "points[0].x must be in [0, 1537), got 1537.0"),
        Arguments.of("a label not 0 or 1", List.of("--point", "10,10,2"),
            "--point #1 '10,10,2': label must be 1 (positive) or 0 (negative), got '2'"),
        Arguments.of("more than 64 points", manyPoints(65),
            "points must hold at most 64 points, got 65"),
        Arguments.of("a box with x0 >= x1", List.of("--box", "300,10,200,50"),
            "box.x0 must be < box.x1, got x0=300.0, x1=200.0"),
        Arguments.of("a coordinate that is not a number", List.of("--point", "ten,10"),
            "--point #1 'ten,10': X must be a finite number, got 'ten'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badPromptsExitTwoWithOneClearLine(String name, List<String> flags, String message) {
    List<String> args = new ArrayList<>(List.of("segment", "--image",
        imageFile(TwoShapesScene.landscape()).toString(), "--out",
        dir.resolve("bad.png").toString()));
    args.addAll(flags);
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(Main.BAD_INPUT, run.exit(), run.err());
    assertEquals("segfill segment: " + message, run.err().strip());
  }

  @Test
  void brokenImagesAreRefusedBeforeAnySegmentation() throws IOException {
    byte[] png = Files.readAllBytes(imageFile(TwoShapesScene.landscape()));
    Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
    Path truncated = Files.write(dir.resolve("truncated.png"),
        Arrays.copyOf(png, png.length / 2));
    Path huge = Files.write(dir.resolve("huge.png"), withSize(PngEncoder.encodeGray(1, 1,
        new byte[1]), 100_000, 100_000));
    assertImageRefused(empty, "image: empty (0 bytes)");
    assertImageRefused(truncated, "image:");
    assertImageRefused(huge, "image: 100000x100000 is 10000000000 pixels; at most 40000000"
        + " allowed");
  }

  @Test
  void aMissingOrCorruptGraphIsNamed() throws IOException {
    Path bundle = Files.createDirectories(dir.resolve("broken-sam"));
    Files.copy(bundles.resolve("sam-onnx/encoder.onnx"), bundle.resolve("encoder.onnx"));
    CliRun missing = segmentWith(bundle);
    assertEquals(Main.BAD_INPUT, missing.exit());
    assertTrue(missing.err().contains("decoder.onnx: missing (sam-onnx layout)"), missing.err());
    Files.writeString(bundle.resolve("decoder.onnx"), "garbage");
    CliRun corrupt = segmentWith(bundle);
    assertEquals(Main.BAD_INPUT, corrupt.exit());
    assertTrue(corrupt.err().contains("decoder.onnx could not be loaded"), corrupt.err());
  }

  private static CliRun segmentWith(Path bundle) {
    return CliRun.of("segment", "--image", imageFile(TwoShapesScene.landscape()).toString(),
        "--point", "500,300", "--sam", bundle.toString(), "--out",
        dir.resolve("never.png").toString());
  }

  private static void assertImageRefused(Path image, String messageStart) {
    CliRun run = CliRun.of("segment", "--image", image.toString(), "--point", "1,1", "--out",
        dir.resolve("never.png").toString());
    assertEquals(Main.BAD_INPUT, run.exit(), run.err());
    assertTrue(run.err().startsWith("segfill segment: " + messageStart), run.err());
    assertTrue(Files.notExists(dir.resolve("never.png")));
  }

  private static List<String> manyPoints(int n) {
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      flags.add("--point");
      flags.add((10 + i) + ",10");
    }
    return flags;
  }

  // A valid PNG whose IHDR claims another size (its CRC fixed), like a decompression bomb.
  private static byte[] withSize(byte[] png, int width, int height) {
    byte[] out = png.clone();
    ByteBuffer.wrap(out, 16, 8).putInt(width).putInt(height);
    CRC32 crc = new CRC32();
    crc.update(out, 12, 17);
    ByteBuffer.wrap(out, 29, 4).putInt((int) crc.getValue());
    return out;
  }

  private static byte[] readMask(Path file, TwoShapesScene scene) throws IOException {
    DecodedPixels pixels = new ImageDecoder(ImageLimits.defaults())
        .decodePixels(Files.readAllBytes(file));
    assertEquals(1, pixels.channels());
    assertEquals(scene.width(), pixels.width());
    return pixels.pixels();
  }
}
