package org.segfill.engine.sdxl;

import java.util.Objects;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.sdxl.scheduler.Sampler;

/**
 * One SDXL inpainting request: every parameter of product.md's "describe" and "target" rows,
 * checked when made so a bad value never reaches a graph. Messages name the field and its
 * allowed range.
 *
 * @param target what to regenerate: the background (default), the subject, or remove it
 * @param prompt the text prompt (may be empty)
 * @param negativePrompt the negative prompt, or null for none (then, if the bundle says so,
 *     zero embeddings instead of encoding "", model contract B3)
 * @param guidanceScale classifier-free guidance, 0 to 20; CFG runs only above 1
 * @param steps inference steps, 1 to 150
 * @param strength how far from the image to start, in (0, 1]
 * @param seed the first variant's seed, 0 to 2^53 - 1; variant k uses seed + k
 * @param count variants, 1 to 4
 * @param sampler the sampler
 * @param region where to generate (auto, full, crop)
 * @param shape how the mask is grown and feathered for repainting
 * @param colorMatch match the generated region's colours to the kept pixels
 */
public record InpaintRequest(
    Target target,
    String prompt,
    String negativePrompt,
    double guidanceScale,
    int steps,
    double strength,
    long seed,
    int count,
    Sampler sampler,
    Region region,
    RepaintShape shape,
    boolean colorMatch) {

  public static final double DEFAULT_GUIDANCE = 7.5;
  public static final double MAX_GUIDANCE = 20;
  public static final int DEFAULT_STEPS = 30;
  public static final int MAX_STEPS = 150;
  public static final double DEFAULT_STRENGTH = 0.99;
  /** Seeds are exact in a JSON number (a double), so they survive JavaScript unchanged. */
  public static final long MAX_SEED = (1L << 53) - 1;
  public static final int MAX_COUNT = 4;
  /** Prompts longer than this are refused before tokenizing (CLIP reads 75 tokens anyway). */
  public static final int MAX_PROMPT_CHARS = 4000;

  public InpaintRequest {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(sampler, "sampler");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(shape, "shape");
    if (prompt == null) {
      throw new IllegalArgumentException("prompt: must be a string (it may be empty)");
    }
    checkText("prompt", prompt);
    if (negativePrompt != null) {
      checkText("negativePrompt", negativePrompt);
    }
    if (!(guidanceScale >= 0 && guidanceScale <= MAX_GUIDANCE)) {
      throw new IllegalArgumentException("guidanceScale: must be in [0, " + MAX_GUIDANCE
          + "], got " + guidanceScale);
    }
    if (steps < 1 || steps > MAX_STEPS) {
      throw new IllegalArgumentException("steps: must be in [1, " + MAX_STEPS + "], got "
          + steps);
    }
    if (!(strength > 0 && strength <= 1)) {
      throw new IllegalArgumentException("strength: must be in (0, 1], got " + strength);
    }
    if ((int) (steps * strength) < 1) {
      throw new IllegalArgumentException("strength and steps: int(steps * strength) must be at"
          + " least 1 or no denoising step runs; got steps=" + steps + ", strength=" + strength);
    }
    if (seed < 0 || seed > MAX_SEED) {
      throw new IllegalArgumentException("seed: must be in [0, " + MAX_SEED + "], got " + seed);
    }
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count: must be in [1, " + MAX_COUNT + "], got "
          + count);
    }
    if (seed + count - 1 > MAX_SEED) {
      throw new IllegalArgumentException("seed: seed + count - 1 must stay <= " + MAX_SEED);
    }
  }

  /** The defaults of model contract part 0 item 6 for {@code prompt} and {@code seed}. */
  public static InpaintRequest defaults(String prompt, long seed) {
    return new InpaintRequest(Target.DEFAULT, prompt, null, DEFAULT_GUIDANCE, DEFAULT_STEPS,
        DEFAULT_STRENGTH, seed, 1, Sampler.DEFAULT, Region.AUTO, RepaintShape.DEFAULT, true);
  }

  /** Whether classifier-free guidance runs (a second, negative batch half). */
  public boolean cfg() {
    return guidanceScale > 1;
  }

  /** This request with another target, prompt, negative prompt and strength. */
  public InpaintRequest with(Target newTarget, String newPrompt, String newNegative,
      double newStrength) {
    return new InpaintRequest(newTarget, newPrompt, newNegative, guidanceScale, steps,
        newStrength, seed, count, sampler, region, shape, colorMatch);
  }

  private static void checkText(String field, String text) {
    if (text.length() > MAX_PROMPT_CHARS) {
      throw new IllegalArgumentException(field + ": at most " + MAX_PROMPT_CHARS
          + " characters, got " + text.length());
    }
  }
}
