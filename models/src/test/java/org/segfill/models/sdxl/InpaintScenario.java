package org.segfill.models.sdxl;

import java.util.List;
import org.segfill.engine.image.RgbImage;
import org.segfill.engine.inpaint.RepaintShape;
import org.segfill.engine.inpaint.Target;
import org.segfill.engine.sdxl.InpaintRequest;
import org.segfill.engine.sdxl.Region;
import org.segfill.engine.sdxl.SdxlBuckets;
import org.segfill.engine.sdxl.scheduler.Sampler;
import org.segfill.models.testbundle.TwoShapesScene;

/**
 * One inpainting request on a {@link TwoShapesScene} whose ellipse is the selection: a single
 * variant, the Euler sampler, the whole image as the region and no colour matching, so that the
 * repainted pixels show the model's colour unaltered.
 *
 * @param scene the picture and its ellipse
 * @param target what the request regenerates
 * @param prompt the prompt; plain words of the tiny vocabulary, so each is one token
 * @param negativePrompt null for none
 * @param guidance the guidance scale
 * @param steps inference steps
 * @param strength in (0, 1]: 1 starts from pure noise, below 1 from add_noise of the image
 *     latents
 * @param seed the seed
 * @param patches centres (x, y) of 32x32 patches that lie wholly in the repainted region
 */
public record InpaintScenario(TwoShapesScene scene, Target target, String prompt,
    String negativePrompt, double guidance, int steps, double strength, long seed,
    List<int[]> patches) {

  public InpaintScenario {
    patches = List.copyOf(patches);
  }

  /**
   * A new background for the ellipse of the 512x384 scene: "a photo", no negative prompt,
   * guidance 3, 8 steps at strength 0.99 (7 UNet calls), seed 42. Patches: the four corners and
   * the rectangle, all repainted.
   */
  public static InpaintScenario background() {
    return new InpaintScenario(TwoShapesScene.landscape().scaledTo(512, 384), Target.BACKGROUND,
        "a photo", null, 3.0, 8, 0.99, 42,
        List.of(new int[] {30, 30}, new int[] {480, 30}, new int[] {30, 354},
            new int[] {480, 360}, new int[] {375, 273}));
  }

  /**
   * The ellipse of the same scene repainted from pure noise: "a red brick wall" against the
   * negative prompt "old dark photo" (encoded, not zeros), guidance 5, 6 steps at strength 1
   * (6 UNet calls), seed 7. Patches: across the ellipse.
   */
  public static InpaintScenario subject() {
    return new InpaintScenario(TwoShapesScene.landscape().scaledTo(512, 384), Target.SUBJECT,
        "a red brick wall", "old dark photo", 5.0, 6, 1.0, 7,
        List.of(new int[] {143, 126}, new int[] {108, 126}, new int[] {178, 126}));
  }

  public InpaintRequest request() {
    return new InpaintRequest(target, prompt, negativePrompt, guidance, steps, strength, seed, 1,
        Sampler.EULER, Region.FULL, RepaintShape.DEFAULT, false);
  }

  public RgbImage image() {
    return scene.image();
  }

  /** The user's selection: 255 on the ellipse. */
  public byte[] selection() {
    return scene.ellipseMask();
  }

  /** Whether classifier-free guidance runs (a negative block in every UNet batch). */
  public boolean cfg() {
    return guidance > 1;
  }

  /** The generation size: the contract's bucket for the scene's aspect (the whole image). */
  public SdxlBuckets.Size bucket() {
    return SdxlBuckets.nearest(scene.width(), scene.height());
  }
}
