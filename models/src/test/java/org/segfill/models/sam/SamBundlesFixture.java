package org.segfill.models.sam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.sam.SamGraphs;
import org.segfill.models.bundle.SamBundle;
import org.segfill.models.testbundle.TestBundles;

/** The tiny SAM bundles, written once per test JVM into a temporary directory. */
public final class SamBundlesFixture {

  private static Path root;

  private SamBundlesFixture() {}

  /** The directory holding every tiny bundle (see {@link TestBundles}). */
  public static synchronized Path root() {
    if (root == null) {
      try {
        Path dir = Files.createTempDirectory("segfill-tiny-bundles");
        dir.toFile().deleteOnExit();
        root = TestBundles.writeSam(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  /** Opens the tiny bundle in {@code folder} on ONNX Runtime CPU. */
  public static SamGraphs open(String folder) {
    return SamBundle.locate(root().resolve(folder)).open(new OrtBackend(2));
  }
}
