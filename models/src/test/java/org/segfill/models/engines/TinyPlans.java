package org.segfill.models.engines;

import java.io.IOException;
import java.nio.file.Path;
import org.segfill.engine.backend.tensorrt.EngineManifest;
import org.segfill.models.testbundle.TestBundles;

/**
 * The tiny sam-onnx and SDXL bundles written under a folder, with TensorRT plans built for them
 * by {@link BuildEngines} (2 GB workspace), as the TensorRT GPU tests use them.
 *
 * @param sam the sam-onnx bundle
 * @param sdxl the SDXL bundle
 * @param samManifest its plans' manifest
 * @param sdxlManifest its plans' manifest
 */
record TinyPlans(Path sam, Path sdxl, EngineManifest samManifest, EngineManifest sdxlManifest) {

  /** Writes both bundles under {@code root} and builds their plans, with an optional cache. */
  static TinyPlans build(Path root, Path timingCache) throws IOException {
    Path sam = TestBundles.writeSam(root.resolve("sam")).resolve(TestBundles.SAM_ONNX);
    Path sdxl = TestBundles.writeSdxl(root.resolve("sdxl"));
    BuildOptions options = new BuildOptions(2, timingCache);
    EngineManifest samPlans = BuildEngines.run(sam, EngineManifest.defaultDir(sam), options,
        System.out::println);
    EngineManifest sdxlPlans = BuildEngines.run(sdxl, EngineManifest.defaultDir(sdxl), options,
        System.out::println);
    return new TinyPlans(sam, sdxl, samPlans, sdxlPlans);
  }
}
