package org.segfill.models.sdxl;

import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.FloatPointer;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.sdxl.NoiseStreams;
import org.segfill.kernels.KernelTarget;
import org.segfill.kernels.NoiseKernels;

/**
 * The latents a generation starts from (model contract B5, B6, part 0 item 5), worked out in the
 * test: the VAE encoder run on the reference image and masked image, its distribution sampled as
 * 0.13025 * (mean + exp(clamp(logvar, -30, 20) / 2) * eps), and the starting noise; eps and the
 * noise are the Philox normals of segfill's noise streams for the seed.
 *
 * @param imageLatents [4 * h * w], scaled
 * @param maskedLatents [4 * h * w], scaled
 * @param noise [4 * h * w], standard normals
 */
public record LatentReference(float[] imageLatents, float[] maskedLatents, float[] noise) {

  /** SDXL's VAE scaling factor (contract B1), not read from anything under test. */
  public static final double SCALING_FACTOR = 0.13025;

  public static LatentReference of(ImageReference images, Session vaeEncoder, long seed) {
    int n = 4 * images.latentWidth() * images.latentHeight();
    long[] shape = {1, 3, images.height(), images.width()};
    return new LatentReference(
        sample(vaeEncoder, Tensor.ofFloats(shape, images.image()), seed,
            NoiseStreams.IMAGE_LATENTS),
        sample(vaeEncoder, Tensor.ofFloats(shape, images.maskedImage()), seed,
            NoiseStreams.MASKED_IMAGE_LATENTS),
        normals(n, seed, NoiseStreams.INITIAL));
  }

  private static float[] sample(Session vaeEncoder, Tensor image, long seed, int stream) {
    float[] params = vaeEncoder.run(Map.of("sample", image), Set.of("latent_parameters"))
        .get("latent_parameters").toFloatArray();
    int n = params.length / 2;
    float[] eps = normals(n, seed, stream);
    float[] latents = new float[n];
    for (int i = 0; i < n; i++) {
      double logvar = Math.max(-30, Math.min(20, params[n + i]));
      latents[i] = (float) (SCALING_FACTOR * (params[i] + Math.exp(logvar / 2) * eps[i]));
    }
    return latents;
  }

  private static float[] normals(int n, long seed, int stream) {
    float[] out = new float[n];
    try (FloatPointer p = new FloatPointer(n)) {
      new NoiseKernels(KernelTarget.cpu()).randn(p, 1, n, seed, stream);
      p.get(out);
    }
    return out;
  }
}
