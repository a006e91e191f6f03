package org.segfill.engine.sdxl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.segfill.engine.backend.HostDeviceSession;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.mask.Mask;
import org.segfill.models.bundle.SdxlBundle;
import org.segfill.models.testbundle.TestBundles;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * The tiny SDXL bundle's pipeline on ONNX Runtime with its UNet seen through a
 * {@link HostDeviceSession} the test can count runs on, and the landscape two-shapes scene with
 * its ellipse mask: the fixture of the denoising loop's tests.
 */
final class CountedUnetPipeline implements AutoCloseable {

  private static final TwoShapesScene SCENE = TwoShapesScene.landscape();

  final SdxlInpaintPipeline pipeline;
  final HostDeviceSession unet;
  final RgbImage image;
  final Mask ellipse;

  private CountedUnetPipeline(SdxlInpaintPipeline pipeline, HostDeviceSession unet) {
    this.pipeline = pipeline;
    this.unet = unet;
    this.image = SCENE.image();
    this.ellipse = Mask.of(SCENE.width(), SCENE.height(), SCENE.ellipseMask());
  }

  /** Writes the tiny bundle to a new temporary folder and opens it (ONNX Runtime, 1 thread). */
  static CountedUnetPipeline open() throws IOException {
    Path dir = TestBundles.writeSdxl(Files.createTempDirectory("segfill-denoise-loop"));
    SdxlBundle bundle = SdxlBundle.locate(dir);
    SdxlGraphs graphs = bundle.open(new OrtBackend(1));
    HostDeviceSession unet = HostDeviceSession.oneRunAtATime(graphs.unet());
    SdxlInpaintPipeline pipeline = new SdxlInpaintPipeline(new SdxlGraphs(graphs.bundleId(),
        graphs.textEncoder(), graphs.textEncoder2(), unet, graphs.vaeEncoder(),
        graphs.vaeDecoder()), bundle.settings(), "onnxruntime-cpu");
    return new CountedUnetPipeline(pipeline, unet);
  }

  /** Generates on the scene's image with its ellipse mask. */
  Generation generate(InpaintRequest request, ProgressListener progress,
      BooleanSupplier cancelled) {
    return pipeline.generate(image, ellipse, request, progress, cancelled);
  }

  @Override
  public void close() {
    pipeline.close();
    ellipse.close();
  }
}
