package org.segfill.engine.sdxl;

import java.util.function.Supplier;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.engine.sdxl.scheduler.Schedule;
import org.segfill.place.KernelPlace;
import org.segfill.place.PlaceBuffer;

/**
 * Model contract D5-D10's mistakes that take more than a line, each as the step function a
 * mistaken pipeline would have.
 */
final class SdxlMistakes {

  private static final int LATENT_CHANNELS = 4;
  private static final int UNET_CHANNELS = 9;
  private static final int BLOCK = 8;

  private SdxlMistakes() {}

  /** tokenizer_2's ids padded with CLIP-L's pad id (49407) instead of its own (0). */
  static SdxlSteps.Tokenization onePadId(SdxlSteps.Tokenization contract) {
    return (tokenizers, text) -> {
      long[][] ids = contract.ids(tokenizers, text);
      long eos = tokenizers.tokenizer2().eosId();
      long[] ids2 = ids[1].clone();
      boolean afterEos = false;
      for (int i = 0; i < ids2.length; i++) {
        if (afterEos) {
          ids2[i] = tokenizers.tokenizer().padId();
        }
        afterEos |= ids2[i] == eos;
      }
      return new long[][] {ids[0], ids2};
    };
  }

  /** noise * init_noise_sigma whatever the strength (diffusers only does that at strength 1). */
  static float[] alwaysFromNoise(Schedule schedule, float[] noise, Supplier<float[]> image) {
    float[] latents = new float[noise.length];
    for (int i = 0; i < latents.length; i++) {
      latents[i] = noise[i] * schedule.initNoiseSigma();
    }
    return latents;
  }

  /**
   * scale_model_input applied to all 9 channels, the mask and masked latents too. Works on the
   * host, after the contract's kernel: the CPU run's memory is host memory and is not captured.
   */
  static SdxlSteps.UnetInput scaleAllChannels(SdxlSteps.UnetInput contract) {
    return (run, step) -> {
      contract.queue(run, step);
      int rows = (run.cfg() ? 2 : 1) * run.batch();
      int cell = run.h() * run.w();
      float[] input = new float[rows * UNET_CHANNELS * cell];
      FloatPointer sample = run.unet().input("sample");
      sample.position(0).get(input);
      float scale = step.modelInputScale();
      for (int row = 0; row < rows; row++) {
        int from = (row * UNET_CHANNELS + LATENT_CHANNELS) * cell;
        int to = (row + 1) * UNET_CHANNELS * cell;
        for (int i = from; i < to; i++) {
          input[i] *= scale;
        }
      }
      sample.position(0).put(input);
    };
  }

  /** The latent mask as the mean of each 8x8 block instead of its top-left pixel. */
  static float[] averagedMask(KernelPlace place, PlaceBuffer onPlace, int width, int height,
      int lw, int lh) {
    byte[] mask = new byte[width * height];
    place.download(onPlace, mask);
    float[] out = new float[lw * lh];
    for (int y = 0; y < lh; y++) {
      for (int x = 0; x < lw; x++) {
        double sum = 0;
        for (int dy = 0; dy < BLOCK; dy++) {
          for (int dx = 0; dx < BLOCK; dx++) {
            sum += (mask[(BLOCK * y + dy) * width + BLOCK * x + dx] & 0xff) / 255.0;
          }
        }
        out[y * lw + x] = (float) (sum / (BLOCK * BLOCK));
      }
    }
    return out;
  }

  /**
   * The 4-channel UNet's per-step re-blend (contract B7.8) on the 9-channel one: after each
   * update, kept cells are reset to add_noise(image latents, noise, next sigma). The start step
   * is wrapped to keep the image latents and noise it is given.
   */
  static SdxlSteps reblendEachStep(SdxlSteps contract) {
    OriginalLatents original = new OriginalLatents();
    return new StepsEditor(contract)
        .start((schedule, noise, imageLatents) -> {
          original.image = imageLatents.get();
          original.noise = noise;
          return contract.start().latents(schedule, noise, () -> original.image);
        })
        .afterStep((run, step) -> {
          int batch = run.batch();
          int cells = run.h() * run.w();
          int n = (int) run.latentElements();
          float[] latents = new float[batch * n];
          float[] latentMask = new float[batch * cells];
          run.latents().position(0).get(latents);
          run.mask().position(0).get(latentMask);
          for (int b = 0; b < batch; b++) {
            for (int c = 0; c < LATENT_CHANNELS; c++) {
              for (int i = 0; i < cells; i++) {
                float m = latentMask[b * cells + i];
                int at = b * n + c * cells + i;
                // Euler's add_noise: x0 + sigma * noise.
                float noised = original.image[at] + step.sigmaNext() * original.noise[at];
                latents[at] = (1 - m) * noised + m * latents[at];
              }
            }
          }
          run.latents().position(0).put(latents);
        })
        .build();
  }

  // What one generation's start step saw; the re-blend hook reads it after every step.
  private static final class OriginalLatents {
    float[] image;
    float[] noise;
  }
}
