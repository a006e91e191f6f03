package org.segfill.engine.sdxl;

import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.NoiseKernels;

/**
 * SDXL's VAE as the pipeline uses it (model contract B5, B6, B9 and E2): encoding samples the
 * latent distribution, mean + exp(logvar / 2)·ε with logvar clamped to [-30, 20] and ε from our
 * Philox noise, then multiplies by the scaling factor; decoding divides by it first.
 */
final class VaeCodec {

  private final Session encoder;
  private final Session decoder;
  private final double scaling;
  private final NoiseKernels noise = new NoiseKernels(KernelTarget.cpu());

  VaeCodec(Session encoder, Session decoder, double scaling) {
    this.encoder = encoder;
    this.decoder = decoder;
    this.scaling = scaling;
  }

  /**
   * Latents [batch,4,H/8,W/8] of one image [1,3,H,W] in [-1, 1]: the encoder runs once and the
   * distribution is sampled {@code batch} times, sample b with noise key {@code seed + b} from
   * {@code stream} (so variant b's latents do not depend on the batch size).
   */
  float[] encode(Tensor image, int batch, long seed, int stream) {
    Tensor parameters = encoder.run(Map.of("sample", image), Set.of("latent_parameters"))
        .get("latent_parameters");
    long[] shape = parameters.shape();
    int n = (int) (SdxlContracts.LATENT_CHANNELS * shape[2] * shape[3]);
    float[] params = parameters.toFloatArray();
    float[] eps = normals(batch, n, seed, stream);
    float[] latents = new float[batch * n];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < n; i++) {
        float logvar = Math.max(-30f, Math.min(20f, params[n + i]));
        float std = (float) Math.exp(0.5 * logvar);
        latents[b * n + i] = (float) ((params[i] + std * eps[b * n + i]) * scaling);
      }
    }
    return latents;
  }

  /**
   * Images [B,3,8h,8w] of {@code latents} [B,4,h,w], decoded one variant per run: the decoder's
   * activations at full resolution are the largest of the pipeline (about 1.5 GB per image in
   * fp32 at 1600x896), so a batch of four would need four times the memory for no gain in work.
   */
  Tensor decode(float[] latents, int batch, int h, int w) {
    int perLatent = SdxlContracts.LATENT_CHANNELS * h * w;
    int perImage = 3 * (h * SdxlContracts.VAE_SCALE) * (w * SdxlContracts.VAE_SCALE);
    float[] images = new float[batch * perImage];
    for (int b = 0; b < batch; b++) {
      float[] unscaled = new float[perLatent];
      for (int i = 0; i < perLatent; i++) {
        unscaled[i] = (float) (latents[b * perLatent + i] / scaling);
      }
      Tensor in = Tensor.ofFloats(new long[] {1, SdxlContracts.LATENT_CHANNELS, h, w}, unscaled);
      Tensor image = decoder.run(Map.of("latent_sample", in), Set.of("sample")).get("sample");
      if (image.elementCount() != perImage) {
        throw new IllegalStateException("VAE decoder: expected " + perImage + " values per image,"
            + " got " + image.elementCount());
      }
      image.data().asFloatBuffer().get(images, b * perImage, perImage);
    }
    return Tensor.ofFloats(new long[] {batch, 3, (long) h * SdxlContracts.VAE_SCALE,
        (long) w * SdxlContracts.VAE_SCALE}, images);
  }

  /** Standard normals [batch, n] from Philox: sample b keyed by seed + b. */
  float[] normals(int batch, int n, long seed, int stream) {
    float[] out = new float[batch * n];
    try (FloatPointer p = new FloatPointer(out.length)) {
      noise.randn(p, batch, n, seed, stream);
      p.get(out);
    }
    return out;
  }
}
