package org.segfill.models.sdxl;

import java.util.ArrayList;
import java.util.List;
import org.segfill.models.sdxl.RecordingSession.Call;

/**
 * Checks the denoising loop from what crossed the UNet and VAE decoder boundaries (model contract
 * B7, B8, B9): the UNet runs at the reference timesteps; between steps the latents change by the
 * Euler step alone, x' = x + (sigma' - sigma) * eps with eps = eps_u + g (eps_c - eps_u) from
 * the UNet's own outputs (so no re-blend with the noised original, which is only for 4-channel
 * UNets); the decoder gets the final latents divided by 0.13025.
 */
final class LoopChecks {

  private static final double TIMESTEP_TOLERANCE = 1e-3;
  // Latents are recovered by undoing the reference scale: float32 against the reference's
  // float64 (measured below 1e-6).
  private static final double LATENT_ABS = 1e-4;
  private static final double LATENT_REL = 1e-4;

  private final InpaintScenario scenario;
  private final InpaintReference reference;

  LoopChecks(InpaintScenario scenario, InpaintReference reference) {
    this.scenario = scenario;
    this.reference = reference;
  }

  List<CheckFailure> failures(GraphRecording recording) {
    List<CheckFailure> failures = new ArrayList<>();
    List<Call> unet = recording.unet().calls();
    EulerReference schedule = reference.schedule();
    if (unet.size() != schedule.calls()) {
      failures.add(new CheckFailure("timesteps", "the UNet ran " + unet.size() + " times;"
          + " expected " + schedule.calls() + " (int(" + scenario.steps() + " * "
          + scenario.strength() + ") steps)"));
      return failures;
    }
    for (int k = 0; k < unet.size(); k++) {
      float t = unet.get(k).input("timestep")[0];
      if (Math.abs(t - schedule.timesteps()[k]) > TIMESTEP_TOLERANCE) {
        failures.add(new CheckFailure("timesteps", "UNet step " + (k + 1) + " ran at t=" + t
            + "; expected " + schedule.timesteps()[k] + " (leading spacing, steps_offset 1)"));
      }
    }
    for (int k = 0; k + 1 < unet.size(); k++) {
      float[] predicted = eulerStep(unet.get(k), k);
      float[] next = latents(unet.get(k + 1), k + 1);
      int step = k + 1;
      Mismatch.of(predicted, next, LATENT_ABS, LATENT_REL, this::where).ifPresent(m ->
          failures.add(new CheckFailure("sampler-step", "the latents going into UNet step "
              + (step + 1) + " are not step " + step + "'s latents plus its Euler update (a"
              + " re-blend with the noised original? contract B7.8): " + m)));
    }
    decoderInput(recording, unet.get(unet.size() - 1), failures);
    return failures;
  }

  private void decoderInput(GraphRecording recording, Call last, List<CheckFailure> failures) {
    List<Call> decodes = recording.vaeDecoder().calls();
    if (decodes.size() != 1) {
      failures.add(new CheckFailure("decoder-input", "the VAE decoder ran " + decodes.size()
          + " times; expected once"));
      return;
    }
    float[] expected = eulerStep(last, reference.schedule().calls() - 1);
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (float) (expected[i] / LatentReference.SCALING_FACTOR);
    }
    Mismatch.of(expected, decodes.get(0).input("latent_sample"), LATENT_ABS, LATENT_REL,
        this::where).ifPresent(m -> failures.add(new CheckFailure("decoder-input",
            "latent_sample must be the final latents / 0.13025: " + m)));
  }

  // The latents after step k: x + (sigma_{k+1} - sigma_k) * guided eps, for the first row.
  private float[] eulerStep(Call call, int k) {
    float[] x = latents(call, k);
    float[] eps = call.output("out_sample");
    double[] sigmas = reference.schedule().sigmas();
    double g = scenario.guidance();
    int n = x.length;
    float[] next = new float[n];
    for (int i = 0; i < n; i++) {
      double guided = scenario.cfg() ? eps[i] + g * (eps[n + i] - eps[i]) : eps[i];
      next[i] = (float) (x[i] + (sigmas[k + 1] - sigmas[k]) * guided);
    }
    return next;
  }

  // The unscaled latents of the first row: channels 0-3 of sample / scale_model_input's factor.
  private float[] latents(Call call, int k) {
    ImageReference images = reference.images();
    int n = 4 * images.latentWidth() * images.latentHeight();
    float[] sample = call.input("sample");
    double scale = reference.schedule().inputScale(k);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (sample[i] / scale);
    }
    return x;
  }

  private String where(int i) {
    ImageReference images = reference.images();
    int lw = images.latentWidth();
    int cell = lw * images.latentHeight();
    int c = i % cell;
    return "channel " + i / cell + " cell (" + c % lw + "," + c / lw + ")"
        + (images.latentMask()[c] == 0 ? ", kept" : ", repainted");
  }
}
