package org.segfill.engine.backend.tensorrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Canonical-path containment and the manifest hash (reliability.md H1, H2, H4). */
class TrustedFilesTest {

  @TempDir Path tmp;
  Path bundle;
  Path outside;

  @BeforeEach
  void files() throws IOException {
    bundle = Files.createDirectories(tmp.resolve("bundle/engines"));
    outside = Files.writeString(tmp.resolve("secret.plan"), "not yours");
    Files.writeString(bundle.resolve("unet.plan"), "plan bytes");
  }

  private List<Path> roots() {
    return List.of(tmp.resolve("bundle"));
  }

  @Test
  void aFileInsideTheBundleIsAccepted() throws IOException {
    Path real = TrustedFiles.requireInside(roots(), bundle.resolve("unet.plan"), "plan");
    assertEquals(bundle.resolve("unet.plan").toRealPath(), real);
  }

  @Test
  void dotDotOutOfTheBundleIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrustedFiles.requireInside(roots(), bundle.resolve("../../secret.plan"), "plan"));
    assertTrue(e.getMessage().contains("outside the configured bundle directories"),
        e.getMessage());
  }

  @Test
  void aSymlinkEscapingTheBundleIsRefused() throws IOException {
    Path link = Files.createSymbolicLink(bundle.resolve("link.plan"), outside);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrustedFiles.requireInside(roots(), link, "plan"));
    assertTrue(e.getMessage().contains("resolves to " + outside.toRealPath()), e.getMessage());
  }

  @Test
  void aSymlinkedDirectoryEscapingTheBundleIsRefused() throws IOException {
    Path dir = Files.createSymbolicLink(bundle.resolve("elsewhere"), tmp);
    assertThrows(IllegalArgumentException.class,
        () -> TrustedFiles.requireInside(roots(), dir.resolve("secret.plan"), "plan"));
  }

  @Test
  void aBundleRootThatIsItselfASymlinkStillContainsItsFiles() throws IOException {
    Path alias = Files.createSymbolicLink(tmp.resolve("alias"), tmp.resolve("bundle"));
    TrustedFiles.requireInside(List.of(alias), bundle.resolve("unet.plan"), "plan");
  }

  @Test
  void aSiblingWhoseNameExtendsTheRootIsOutside() throws IOException {
    Path sibling = Files.createDirectories(tmp.resolve("bundle2"));
    Path file = Files.writeString(sibling.resolve("x.plan"), "x");
    assertThrows(IllegalArgumentException.class,
        () -> TrustedFiles.requireInside(roots(), file, "plan"));
  }

  @Test
  void externalDataMayNotBeAbsoluteOrClimbOut() throws IOException {
    Path graph = Files.writeString(tmp.resolve("bundle/model.onnx"), "onnx");
    Files.writeString(tmp.resolve("bundle/model.onnx_data"), "weights");
    assertEquals(tmp.resolve("bundle/model.onnx_data").toRealPath(),
        TrustedFiles.externalData(roots(), graph, "model.onnx_data"));
    for (String bad : List.of("/etc/passwd", "../secret.plan", "../../x", "a/../../secret.plan",
        "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TrustedFiles.externalData(roots(), graph, bad), bad);
      assertTrue(e.getMessage().contains("refused") || e.getMessage().contains("missing"),
          e.getMessage());
    }
  }

  @Test
  void aFileHashesLikeItsBytes() {
    byte[] bytes = "plan bytes".getBytes(StandardCharsets.UTF_8);
    String good = TrustedFiles.sha256(bytes);
    assertEquals(64, good.length());
    assertEquals(good, TrustedFiles.sha256(bundle.resolve("unet.plan")));
    assertTrue(!good.equals(TrustedFiles.sha256("plan bytez".getBytes(StandardCharsets.UTF_8))));
  }
}
