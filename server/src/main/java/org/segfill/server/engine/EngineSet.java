package org.segfill.server.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.segfill.engine.sdxl.SdxlInpaintPipeline;

/**
 * The engines one server instance runs, loaded and warmed up: the segmenter, the editor, and
 * the SDXL pipeline when a bundle is configured (owned here and closed with the set).
 */
public final class EngineSet implements AutoCloseable {

  private final Segmentation segmentation;
  private final Editor editor;
  private final SdxlInpaintPipeline sdxl;
  private final BackendChoice backend;

  /**
   * Engines for one server.
   *
   * @param sdxl the pipeline behind {@code editor}, or null for the classic inpainter
   */
  public EngineSet(Segmentation segmentation, Editor editor, SdxlInpaintPipeline sdxl,
      BackendChoice backend) {
    this.segmentation = segmentation;
    this.editor = editor;
    this.sdxl = sdxl;
    this.backend = backend;
  }

  /** The same engines with {@code replacement} as the segmenter; it takes over the old one. */
  public EngineSet withSegmentation(Segmentation replacement) {
    return new EngineSet(replacement, editor, sdxl, backend);
  }

  public Segmentation segmentation() {
    return segmentation;
  }

  public Editor editor() {
    return editor;
  }

  /** The backend the graphs run on, and why it was chosen. */
  public BackendChoice backend() {
    return backend;
  }

  /** Whether text-guided generation (SDXL) is available. */
  public boolean hasSdxl() {
    return sdxl != null;
  }

  /** What {@code /v1/engines} reports. */
  public Map<String, Object> describe() {
    Map<String, Object> inpainter = new LinkedHashMap<>();
    if (sdxl != null) {
      inpainter.put("engine", "sdxl");
      inpainter.put("bundle", sdxl.bundleId());
      inpainter.put("generates", true);
    } else {
      inpainter.put("engine", "classic");
      inpainter.put("bundle", null);
      inpainter.put("generates", false);
      inpainter.put("note", "no SDXL bundle configured (--sdxl): target=background composites"
          + " over a blur, a colour or another image; target=remove fills from the"
          + " surroundings (OpenCV shift-map with a Poisson blend); target=subject needs a background, since generating"
          + " a subject from a prompt needs the SDXL bundle (see models/README.md)");
    }
    Map<String, Object> backendInfo = new LinkedHashMap<>();
    backendInfo.put("requested", backend.requested());
    backendInfo.put("selected", backend.selected());
    backendInfo.put("reason", backend.reason());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("segmenter", segmentation.describe());
    d.put("inpainter", inpainter);
    d.put("backend", backendInfo);
    d.put("device", backend.device());
    return d;
  }

  @Override
  public void close() {
    segmentation.close();
    if (sdxl != null) {
      sdxl.close();
    }
  }
}
