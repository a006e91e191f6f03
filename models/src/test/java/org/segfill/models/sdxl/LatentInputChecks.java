package org.segfill.models.sdxl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.segfill.models.sdxl.RecordingSession.Call;

/**
 * Checks the image side of a generation (model contract B5, B6, B7 steps 1-3): the VAE encoder
 * gets the masked image (0 where the mask is 1) and, below strength 1, the unmasked image; the
 * UNet's first input is, in every CFG row, [latents * 1/sqrt(sigma^2 + 1), the nearest-sampled
 * latent mask, the masked-image latents] with latents = image latents + sigma * noise at the
 * first step that runs, or noise * init_noise_sigma at strength 1.
 */
final class LatentInputChecks {

  // Pixel tensors are exact up to float rounding of x / 255 * 2 - 1.
  private static final double PIXEL_TOLERANCE = 1e-6;
  // Latents: float32 against the reference's float64 (measured below 1e-6); the mistakes move
  // them by 1e-2 or more.
  private static final double LATENT_ABS = 1e-4;
  private static final double LATENT_REL = 1e-4;

  private final InpaintScenario scenario;
  private final InpaintReference reference;

  LatentInputChecks(InpaintScenario scenario, InpaintReference reference) {
    this.scenario = scenario;
    this.reference = reference;
  }

  List<CheckFailure> failures(GraphRecording recording) {
    List<CheckFailure> failures = new ArrayList<>();
    ImageReference images = reference.images();
    List<Call> encodes = recording.vaeEncoder().calls();
    encoded("masked-image", "the masked image (the image with 0, mid-grey, where the mask is 1)",
        images.maskedImage(), encodes, failures);
    if (scenario.strength() < 1) {
      encoded("image-latents", "the unmasked image: below strength 1 the start is add_noise"
          + " of its latents", images.image(), encodes, failures);
    }
    List<Call> unet = recording.unet().calls();
    if (unet.isEmpty()) {
      failures.add(new CheckFailure("unet-input", "the UNet never ran"));
      return failures;
    }
    unetInput(unet.get(0), failures);
    return failures;
  }

  private void encoded(String check, String what, float[] expected, List<Call> calls,
      List<CheckFailure> failures) {
    ImageReference images = reference.images();
    int plane = images.width() * images.height();
    Mismatch closest = null;
    for (Call call : calls) {
      Optional<Mismatch> m = Mismatch.of(expected, call.input("sample"), PIXEL_TOLERANCE, 0,
          i -> pixel(i, plane, images));
      if (m.isEmpty()) {
        return;
      }
      closest = closest == null || m.get().off() < closest.off() ? m.get() : closest;
    }
    failures.add(new CheckFailure(check, "no VAE encoder call got " + what + "; of its "
        + calls.size() + " calls the closest: " + (closest == null ? "none" : closest)));
  }

  private static String pixel(int i, int plane, ImageReference images) {
    int p = i % plane;
    return "channel " + i / plane + " pixel (" + p % images.width() + "," + p / images.width()
        + ")" + (images.repaint()[p] ? ", masked" : ", kept");
  }

  private void unetInput(Call first, List<CheckFailure> failures) {
    ImageReference images = reference.images();
    int lw = images.latentWidth();
    int lh = images.latentHeight();
    int rows = scenario.cfg() ? 2 : 1;
    long[] shape = first.inputs().get("sample").shape();
    if (!Arrays.equals(shape, new long[] {rows, 9, lh, lw})) {
      failures.add(new CheckFailure("unet-input", "sample is " + Arrays.toString(shape)
          + "; expected [" + rows + ", 9, " + lh + ", " + lw + "]"));
      return;
    }
    int cell = lw * lh;
    LatentReference latents = reference.latents();
    EulerReference schedule = reference.schedule();
    double sigma = schedule.sigmas()[0];
    double scale = schedule.inputScale(0);
    // diffusers' is_strength_max: only strength 1 starts from noise * init_noise_sigma.
    boolean fromNoise = scenario.strength() == 1;
    float[] start = new float[4 * cell];
    for (int i = 0; i < start.length; i++) {
      double noise = latents.noise()[i];
      start[i] = (float) (scale * (fromNoise ? schedule.initNoiseSigma() * noise
          : latents.imageLatents()[i] + sigma * noise));
    }
    String startRule = fromNoise
        ? String.format("noise * %.4f (init_noise_sigma at strength 1)",
            schedule.initNoiseSigma())
        : String.format("image latents + %.4f * noise (add_noise at t=%d)", sigma,
            schedule.timesteps()[0]);
    float[] sample = first.input("sample");
    Rows rows9 = new Rows(sample, rows, lw, lh);
    rows9.check("start-latents", "channels 0-3 must be (" + startRule + ") * "
        + String.format("%.5f", scale) + " (scale_model_input)", start, 0, LATENT_ABS,
        LATENT_REL, failures);
    rows9.check("mask-channel", "channel 4 must be the latent mask (the top-left pixel of each"
        + " 8x8 block of the binarised mask), unscaled", images.latentMask(), 4,
        PIXEL_TOLERANCE, 0, failures);
    rows9.check("masked-latents", "channels 5-8 must be 0.13025 * the masked image's VAE"
        + " sample, unscaled", latents.maskedLatents(), 5, LATENT_ABS, LATENT_REL, failures);
  }

  // The UNet's first sample [rows, 9, lh, lw]: every CFG row must hold the same tensor.
  private record Rows(float[] sample, int rows, int lw, int lh) {

    // Reports the first row whose channels from `channel` on differ from `expected`.
    void check(String check, String rule, float[] expected, int channel, double abs,
        double rel, List<CheckFailure> failures) {
      int cell = lw * lh;
      for (int row = 0; row < rows; row++) {
        Optional<Mismatch> m = Mismatch.of(expected, 0, sample, (row * 9 + channel) * cell,
            expected.length, abs, rel, i -> "channel " + (channel + i / cell) + " cell ("
                + i % cell % lw + "," + i % cell / lw + ")");
        if (m.isPresent()) {
          failures.add(new CheckFailure(check, "UNet step 1 row " + row + " of " + rows + ": "
              + rule + ": " + m.get()));
          return;
        }
      }
    }
  }
}
