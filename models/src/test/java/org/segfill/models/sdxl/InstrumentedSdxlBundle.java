package org.segfill.models.sdxl;

import java.nio.file.Path;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.sdxl.SdxlGraphs;
import org.segfill.engine.sdxl.SdxlSettings;
import org.segfill.models.bundle.SdxlBundle;
import org.segfill.models.testbundle.SdxlBundleFixture;

/**
 * The tiny SDXL bundle loaded once on ONNX Runtime, handing out a fresh {@link GraphRecording}
 * per generation. The loaded graphs are also what the reference computations run on, unrecorded.
 */
public final class InstrumentedSdxlBundle implements AutoCloseable {

  private final Path dir;
  private final SdxlSettings settings;
  private final SdxlGraphs graphs;

  /** Loads the tiny bundle of {@link SdxlBundleFixture}. */
  public InstrumentedSdxlBundle() {
    this.dir = SdxlBundleFixture.bundle();
    SdxlBundle bundle = SdxlBundle.locate(dir);
    this.settings = bundle.settings();
    this.graphs = bundle.open(new OrtBackend(2));
  }

  public Path dir() {
    return dir;
  }

  public SdxlSettings settings() {
    return settings;
  }

  /** The loaded graphs themselves, for reference computations. */
  public SdxlGraphs graphs() {
    return graphs;
  }

  /** New recorders over the loaded graphs; pass {@code recording.graphs(bundleId())}. */
  public GraphRecording record() {
    return GraphRecording.of(graphs);
  }

  public String bundleId() {
    return graphs.bundleId();
  }

  @Override
  public void close() {
    graphs.close();
  }
}
