package org.segfill.engine.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.BackgroundSpec;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.inpaint.classic.ClassicInpaintRequest;
import org.segfill.engine.inpaint.classic.ClassicInpainter;
import org.segfill.engine.inpaint.classic.ClassicResult;
import org.segfill.engine.mask.Mask;
import org.segfill.engine.sdxl.Generation;
import org.segfill.engine.sdxl.InpaintRequest;
import org.segfill.engine.sdxl.ProgressListener;
import org.segfill.engine.sdxl.SdxlInpaintPipeline;
import org.segfill.engine.sdxl.StageTimings;
import org.segfill.engine.sdxl.Variant;

/**
 * Runs an edit on the engine it needs (product.md "target", model contract part 0 item 8):
 *
 * <ul>
 *   <li>a {@code background} spec (colour, blur, image) composites with the classic engine, with
 *       or without SDXL;
 *   <li>{@code background} and {@code subject} without one generate with SDXL; without an SDXL
 *       bundle, {@code background} composites over {@code blur:25} and {@code subject} is
 *       refused, saying the bundle is needed;
 *   <li>{@code remove} fills with the classic engine, then, when SDXL is installed, refines the
 *       fill at strength {@value #REMOVE_STRENGTH} with an empty prompt and an object-naming
 *       negative prompt (the request's, or {@link #REMOVE_NEGATIVE}), because an empty prompt
 *       alone tends to invent a new object.
 * </ul>
 */
public final class EditEngine {

  /** Strength of the SDXL pass after a classic removal. */
  public static final double REMOVE_STRENGTH = 0.6;
  /** The negative prompt of that pass when the request gives none. */
  public static final String REMOVE_NEGATIVE = "object, person, animal, text, logo, watermark,"
      + " frame, duplicate, artifacts, blurry";

  private final Optional<SdxlInpaintPipeline> sdxl;
  private final ClassicInpainter classic = new ClassicInpainter();

  /** An engine with the SDXL pipeline when a bundle is installed, else classic only. */
  public EditEngine(Optional<SdxlInpaintPipeline> sdxl) {
    this.sdxl = Objects.requireNonNull(sdxl, "sdxl");
  }

  /** Whether text-guided generation is available. */
  public boolean hasSdxl() {
    return sdxl.isPresent();
  }

  /**
   * Edits {@code image} where {@code selection} (255 = the subject) says.
   *
   * @throws IllegalArgumentException naming the field for bad input (mask size, nothing to
   *     repaint, a background with remove)
   * @throws UnsupportedOperationException for a subject to generate without an SDXL bundle
   * @throws java.util.concurrent.CancellationException if cancelled between denoising steps
   */
  public EditResult edit(RgbImage image, Mask selection, EditRequest request,
      ProgressListener progress, BooleanSupplier cancelled) {
    InpaintRequest g = request.generation();
    Target target = g.target();
    if (target == Target.REMOVE) {
      if (request.background() != null) {
        throw new IllegalArgumentException("background: not used with target=remove, which"
            + " fills the selection from its surroundings");
      }
      return remove(image, selection, g, progress, cancelled);
    }
    if (request.background() != null || sdxl.isEmpty()) {
      BackgroundSpec spec = request.background();
      if (spec == null && target == Target.BACKGROUND) {
        spec = BackgroundSpec.DEFAULT;
      }
      return classic(image, selection, g, spec, List.of());
    }
    Generation generation = sdxl.get().generate(image, selection, g, progress, cancelled);
    return fromGeneration(generation, List.of());
  }

  private EditResult remove(RgbImage image, Mask selection, InpaintRequest g,
      ProgressListener progress, BooleanSupplier cancelled) {
    long start = System.nanoTime();
    ClassicResult filled = classic.inpaint(image, selection, new ClassicInpaintRequest(
        Target.REMOVE, null, g.shape(), ClassicInpaintRequest.DEFAULT_INPAINT_RADIUS));
    long fillMs = (System.nanoTime() - start) / 1_000_000;
    if (sdxl.isEmpty()) {
      return classicResult(filled, fillMs, List.of());
    }
    String negative = g.negativePrompt() == null || g.negativePrompt().isBlank()
        ? REMOVE_NEGATIVE : g.negativePrompt();
    InpaintRequest refine = g.with(Target.REMOVE, "", negative, REMOVE_STRENGTH);
    Generation generation = sdxl.get().generate(filled.image(), selection, refine, progress,
        cancelled);
    Map<String, Long> timings = new LinkedHashMap<>();
    timings.put("classicFill", fillMs);
    return fromGeneration(generation, List.of("the selection was filled by the classic engine"
        + " (shift-map), then refined by SDXL at strength " + REMOVE_STRENGTH), timings);
  }

  private EditResult classic(RgbImage image, Mask selection, InpaintRequest g,
      BackgroundSpec spec, List<String> notes) {
    long start = System.nanoTime();
    ClassicResult result = classic.inpaint(image, selection, new ClassicInpaintRequest(
        g.target(), spec, g.shape(), ClassicInpaintRequest.DEFAULT_INPAINT_RADIUS));
    return classicResult(result, (System.nanoTime() - start) / 1_000_000, notes);
  }

  private EditResult classicResult(ClassicResult result, long ms, List<String> notes) {
    Map<String, Object> recipe = new LinkedHashMap<>();
    recipe.put("engine", result.recipe().engine());
    recipe.putAll(result.recipe().toMap());
    List<String> warnings = new ArrayList<>(notes);
    if (sdxl.isEmpty()) {
      warnings.add("no SDXL bundle installed: the classic engine composited or filled instead"
          + " of generating from the prompt (see models/README.md to install one)");
    }
    return new EditResult(List.of(new EditVariant(result.image(), recipe)),
        Map.of("classic", ms), warnings);
  }

  private static EditResult fromGeneration(Generation g, List<String> notes) {
    return fromGeneration(g, notes, new LinkedHashMap<>());
  }

  private static EditResult fromGeneration(Generation g, List<String> notes,
      Map<String, Long> timings) {
    StageTimings t = g.timings();
    timings.put("prepare", t.prepareNanos() / 1_000_000);
    timings.put("prompt", t.promptNanos() / 1_000_000);
    timings.put("vaeEncode", t.vaeEncodeNanos() / 1_000_000);
    timings.put("denoise", t.denoiseNanos() / 1_000_000);
    timings.put("vaeDecode", t.vaeDecodeNanos() / 1_000_000);
    timings.put("paste", t.pasteNanos() / 1_000_000);
    List<EditVariant> variants = new ArrayList<>();
    for (Variant v : g.variants()) {
      variants.add(new EditVariant(v.image(), v.recipe().fields()));
    }
    List<String> warnings = new ArrayList<>(notes);
    warnings.addAll(g.warnings());
    return new EditResult(variants, timings, warnings);
  }
}
