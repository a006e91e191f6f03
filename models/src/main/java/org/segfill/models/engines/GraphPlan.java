package org.segfill.models.engines;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.segfill.engine.backend.tensorrt.InputShapes;
import org.segfill.engine.sdxl.SdxlBuckets;

/**
 * How {@code build-engines} turns one bundle graph into a TensorRT plan.
 *
 * @param source the ONNX file, relative to the bundle (e.g. {@code unet/model.onnx})
 * @param plan the plan's file name inside the engines directory
 * @param fp16 whether the plan may run in fp16: an fp32 export is then built weakly typed with
 *     kFP16 and an fp16 export strongly typed as exported; false (a VAE that is not fp16-safe)
 *     keeps an fp32 export in fp32 with TF32 and refuses an fp16 one ({@link PlanPrecision})
 * @param keepOutputs the outputs segfill reads; every other output is dropped from the plan
 * @param profiles the optimisation profiles; only inputs with a dynamic axis need an entry
 * @param profileNames one name per profile, for people ("landscape", "static 1024x1024")
 * @param image the SDXL input whose axes 2 and 3 are the image's height and width, or null for a
 *     graph without one (text encoders, SAM)
 */
public record GraphPlan(String source, String plan, boolean fp16, Set<String> keepOutputs,
    List<List<InputShapes>> profiles, List<String> profileNames, ImageInput image) {

  /**
   * An NCHW input carrying an SDXL image.
   *
   * @param input its name
   * @param pixelsPerCell image pixels per cell along each side: 8 for latents, 1 for pixels
   */
  public record ImageInput(String input, int pixelsPerCell) {}

  public GraphPlan {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(plan, "plan");
    keepOutputs = Set.copyOf(keepOutputs);
    profiles = profiles.stream().map(List::copyOf).toList();
    profileNames = List.copyOf(profileNames);
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException(source + ": at least one profile is needed");
    }
    if (profileNames.size() != profiles.size()) {
      throw new IllegalArgumentException(source + ": " + profiles.size() + " profiles but "
          + profileNames.size() + " names");
    }
    for (List<InputShapes> profile : image == null ? List.<List<InputShapes>>of() : profiles) {
      if (profile.stream().noneMatch(s -> s.input().equals(image.input()) && s.rank() == 4)) {
        throw new IllegalArgumentException(source + ": every profile needs the NCHW image input '"
            + image.input() + "'");
      }
    }
  }

  /** A plan without an image input, its profiles named "all" (one) or by index. */
  public GraphPlan(String source, String plan, boolean fp16, Set<String> keepOutputs,
      List<List<InputShapes>> profiles) {
    this(source, plan, fp16, keepOutputs, profiles, indexNames(profiles.size()), null);
  }

  /** The entry for {@code input} in profile {@code k}, or null when the table fixes none. */
  public InputShapes shapes(int k, String input) {
    return profiles.get(k).stream().filter(s -> s.input().equals(input)).findFirst()
        .orElse(null);
  }

  /**
   * The largest batch profile {@code k} admits: axis 0 of the image input, or of the profile's
   * first entry (1 for a profile without entries).
   */
  public long maxBatch(int k) {
    InputShapes first = image != null ? shapes(k, image.input())
        : profiles.get(k).stream().findFirst().orElse(null);
    return first == null ? 1 : first.max()[0];
  }

  /** The largest image profile {@code k} admits, in pixels, or null without an image input. */
  public SdxlBuckets.Size maxImage(int k) {
    if (image == null) {
      return null;
    }
    long[] max = shapes(k, image.input()).max();
    return new SdxlBuckets.Size(Math.toIntExact(max[3] * image.pixelsPerCell()),
        Math.toIntExact(max[2] * image.pixelsPerCell()));
  }

  /** Whether profile {@code k} admits {@code bucket}'s sides; false without an image input. */
  public boolean admits(int k, SdxlBuckets.Size bucket) {
    if (image == null) {
      return false;
    }
    InputShapes s = shapes(k, image.input());
    long h = bucket.height() / image.pixelsPerCell();
    long w = bucket.width() / image.pixelsPerCell();
    return h >= s.min()[2] && h <= s.max()[2] && w >= s.min()[3] && w <= s.max()[3];
  }

  private static List<String> indexNames(int count) {
    if (count == 1) {
      return List.of("all");
    }
    List<String> names = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      names.add(Integer.toString(k));
    }
    return names;
  }
}
