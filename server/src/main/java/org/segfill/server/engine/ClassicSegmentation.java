package org.segfill.server.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segfill.engine.sam.MaskLogits;
import org.segfill.engine.segment.GrabCutSegmenter;
import org.segfill.engine.segment.Prompt;
import org.segfill.engine.segment.SegmentResult;
import org.segfill.server.store.StoredImage;

/** The classic GrabCut segmenter, serving when no SAM bundle is configured. */
public final class ClassicSegmentation implements Segmentation {

  private final GrabCutSegmenter grabCut = new GrabCutSegmenter();

  @Override
  public SegmentOutcome segment(StoredImage image, Prompt prompt, MaskLogits previous,
      boolean multimask) {
    if (previous != null) {
      throw new IllegalArgumentException("previousMask: the classic segmenter does not refine"
          + " from a previous mask; send all the points again");
    }
    long start = System.nanoTime();
    SegmentResult result = grabCut.segment(image.image(), prompt);
    double ms = (System.nanoTime() - start) / 1e6;
    List<MaskLogits> none = new ArrayList<>();
    result.candidates().forEach(c -> none.add(null));
    return new SegmentOutcome("classic", result.candidates(), none, result.best(),
        Map.of("segment", ms, "total", ms), null);
  }

  @Override
  public void precompute(StoredImage image) {
    // GrabCut has no per-image state to prepare.
  }

  @Override
  public boolean supportsBox() {
    return true;
  }

  @Override
  public boolean supportsPreviousMask() {
    return false;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("engine", "classic");
    d.put("method", "OpenCV GrabCut seeded from the clicks and box");
    d.put("bundle", null);
    d.put("layout", null);
    d.put("box", true);
    d.put("previousMask", false);
    d.put("note", "no SAM bundle configured (--sam): the classic segmenter serves");
    return d;
  }

  @Override
  public void close() {
    // Nothing native is held between calls.
  }
}
