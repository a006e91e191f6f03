package org.segfill.models.testbundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.ort.OrtBackend;

/** The tiny SDXL bundle, written once per test JVM into a temporary directory. */
public final class SdxlBundleFixture {

  private static Path bundle;

  private SdxlBundleFixture() {}

  /** The bundle folder, {@code <temp>/sdxl} (see {@link TestBundles#writeSdxl}). */
  public static synchronized Path bundle() {
    if (bundle == null) {
      try {
        Path root = Files.createTempDirectory("segfill-tiny-sdxl");
        root.toFile().deleteOnExit();
        bundle = TestBundles.writeSdxl(root);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bundle;
  }

  /** Opens {@code <component>/model.onnx} on ONNX Runtime CPU; the caller closes it. */
  public static Session open(String component) {
    return new OrtBackend(2).open(bundle().resolve(component).resolve("model.onnx"));
  }
}
