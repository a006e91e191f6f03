package org.segfill.kernels;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.segfill.kernels.binding.LatentLib;

/**
 * Latent scheduling kernels over float32 NCHW tensors: fp16 conversion, the 9-channel inpainting
 * UNet input, the fused classifier-free-guidance + sampler step, and scheduler add_noise.
 *
 * <p>The sampler step is generic: {@code coef = {P, Q, A, B, C, D, E}} (see {@code
 * segfill/latent.h}); the static {@code *Coefs} helpers build it for Euler, Euler ancestral and
 * DPM++ 2M from the schedule's sigmas. Seeds are unsigned 64-bit (see {@link NoiseKernels}).
 */
public final class LatentKernels {
  /** Number of sampler step coefficients {P, Q, A, B, C, D, E}. */
  public static final int STEP_COEFS = 7;

  /** Upper bound accepted for the guidance scale; real use is 1 to ~20. */
  public static final float MAX_GUIDANCE = 100f;

  private final KernelTarget target;

  public LatentKernels(KernelTarget target) {
    this.target = Args.notNull("target", target);
  }

  /** float32 -> IEEE half bits, round to nearest even (overflow to inf, NaN stays NaN). */
  public void f32ToF16(FloatPointer in, ShortPointer out, long n) {
    Args.positive("n", n);
    Args.elements("in", in, n);
    Args.elements("out", out, n);
    Status.check(
        "sf_f32_to_f16", LatentLib.sf_f32_to_f16(device(), target.stream(), in, out, n));
  }

  /** IEEE half bits -> float32, exact. */
  public void f16ToF32(ShortPointer in, FloatPointer out, long n) {
    Args.positive("n", n);
    Args.elements("in", in, n);
    Args.elements("out", out, n);
    Status.check(
        "sf_f16_to_f32", LatentLib.sf_f16_to_f32(device(), target.stream(), in, out, n));
  }

  /**
   * Builds the UNet input [copies*batch, 9, h, w] = concat(latents * scale, mask, masked) with
   * copies = 2 (uncond, cond) when {@code cfg}, else 1; mask and masked latents have {@code
   * maskBatch} samples, broadcast over the batch (batch must be a multiple of maskBatch).
   */
  public void unetInput(
      FloatPointer latents,
      FloatPointer mask,
      FloatPointer maskedLatents,
      int batch,
      int maskBatch,
      int h,
      int w,
      float scale,
      boolean cfg,
      FloatPointer out) {
    Args.positive("batch", batch);
    Args.positive("maskBatch", maskBatch);
    Args.positive("h", h);
    Args.positive("w", w);
    if (maskBatch > batch || batch % maskBatch != 0) {
      throw new IllegalArgumentException(
          "maskBatch must divide batch " + batch + ", got " + maskBatch);
    }
    Args.inRange("scale", scale, Float.MIN_VALUE, Float.MAX_VALUE);
    int copies = cfg ? 2 : 1;
    Args.elements("latents", latents, Args.product("latents", batch, 4, h, w));
    Args.elements("mask", mask, Args.product("mask", maskBatch, h, w));
    Args.elements(
        "maskedLatents", maskedLatents, Args.product("maskedLatents", maskBatch, 4, h, w));
    Args.elements("out", out, Args.product("out", copies, batch, 9, h, w));
    Status.check(
        "sf_unet_input_f32",
        LatentLib.sf_unet_input_f32(
            device(), target.stream(), latents, mask, maskedLatents, batch, maskBatch, h, w,
            scale, copies, out));
  }

  /**
   * One fused CFG + sampler update in place on {@code latents} [batch, n]. {@code modelOut} is
   * [2*batch, n] (uncond block first) with {@code cfg}, else [batch, n]. {@code history} (nullable)
   * holds the previous x0 prediction for DPM++ 2M (read only when coef C != 0) and receives the
   * new one. Noise (coef E != 0)
   * equals {@link NoiseKernels#randn} with the same seed and noise stream.
   */
  public void samplerStep(
      FloatPointer modelOut,
      FloatPointer latents,
      FloatPointer history,
      int batch,
      long n,
      boolean cfg,
      float guidance,
      float[] coef,
      long seed,
      int noiseStream) {
    Args.positive("batch", batch);
    Args.positive("n", n);
    Args.inRange("guidance", guidance, 0f, MAX_GUIDANCE);
    checkCoefs(coef);
    long total = Args.product("latents", batch, n);
    Args.elements("modelOut", modelOut, Args.product("modelOut", cfg ? 2 : 1, batch, n));
    Args.elements("latents", latents, total);
    if (history != null) {
      Args.elements("history", history, total);
    }
    Status.check(
        "sf_sampler_step_f32",
        LatentLib.sf_sampler_step_f32(
            device(), target.stream(), modelOut, latents, history, batch, n, cfg ? 1 : 0,
            guidance, coef.clone(), seed, noiseStream));
  }

  /** out[i] = a * x0[i] + b * noise[i] (scheduler add_noise; Euler: a = 1, b = sigma). */
  public void addNoise(FloatPointer x0, FloatPointer noise, float a, float b, FloatPointer out,
      long n) {
    Args.positive("n", n);
    Args.finite("a", a);
    Args.finite("b", b);
    Args.elements("x0", x0, n);
    Args.elements("noise", noise, n);
    Args.elements("out", out, n);
    Status.check(
        "sf_add_noise_f32",
        LatentLib.sf_add_noise_f32(device(), target.stream(), x0, noise, a, b, out, n));
  }

  /** Euler discrete step from sigma to sigmaNext: x' = x + (sigmaNext - sigma) * eps. */
  public static float[] eulerCoefs(double sigma, double sigmaNext) {
    checkSigmas("sigma", sigma, "sigmaNext", sigmaNext);
    return coefs(0, 0, 1, 0, 0, sigmaNext - sigma, 0);
  }

  /**
   * Euler ancestral step from sigmaFrom to sigmaTo: x' = x + (sigmaDown - sigmaFrom) * eps +
   * sigmaUp * z, with sigmaUp = sqrt(to^2 (from^2 - to^2) / from^2), sigmaDown = sqrt(to^2 - up^2).
   */
  public static float[] eulerAncestralCoefs(double sigmaFrom, double sigmaTo) {
    checkSigmas("sigmaFrom", sigmaFrom, "sigmaTo", sigmaTo);
    double from2 = sigmaFrom * sigmaFrom;
    double to2 = sigmaTo * sigmaTo;
    double up = Math.sqrt(to2 * (from2 - to2) / from2);
    double down = Math.sqrt(Math.max(0, to2 - up * up));
    return coefs(0, 0, 1, 0, 0, down - sigmaFrom, up);
  }

  /**
   * DPM-Solver++ first-order step from sigma to sigmaNext (the first step, and the final step to
   * sigma 0): x' = (s_t / s_s) x - a_t (e^-h - 1) x0 in the VP variables a = 1/sqrt(sigma^2 + 1),
   * s = sigma a, lambda = ln a - ln s, h = lambda_t - lambda_s. The x0 prediction (P, Q) is
   * written to history for the next step.
   */
  public static float[] dpmpp2mFirstOrderCoefs(double sigma, double sigmaNext) {
    checkSigmas("sigma", sigma, "sigmaNext", sigmaNext);
    Vp s = new Vp(sigma);
    Vp t = new Vp(sigmaNext);
    double g = -t.alpha * (Math.exp(-(t.lambda - s.lambda)) - 1);
    return coefs(1 / s.alpha, -s.sigma / s.alpha, t.sigma / s.sigma, g, 0, 0, 0);
  }

  /**
   * DPM-Solver++ 2M midpoint step from sigma to sigmaNext > 0, given the previous step's sigma:
   * r0 = h_prev / h, D0 = m0, D1 = (m0 - m1) / r0, x' = (s_t / s_s) x - a_t (e^-h - 1) (D0 + D1 /
   * 2), with m1 the history written by the previous step.
   */
  public static float[] dpmpp2mSecondOrderCoefs(double sigmaPrev, double sigma, double sigmaNext) {
    checkSigmas("sigmaPrev", sigmaPrev, "sigma", sigma);
    checkSigmas("sigma", sigma, "sigmaNext", sigmaNext);
    if (!(sigmaNext > 0) || !(sigmaPrev > sigma)) {
      throw new IllegalArgumentException(
          "second order needs sigmaPrev > sigma > sigmaNext > 0 (use first order for the final"
              + " step), got " + sigmaPrev + ", " + sigma + ", " + sigmaNext);
    }
    Vp p = new Vp(sigmaPrev);
    Vp s = new Vp(sigma);
    Vp t = new Vp(sigmaNext);
    double h = t.lambda - s.lambda;
    double r0 = (s.lambda - p.lambda) / h;
    double g = -t.alpha * (Math.exp(-h) - 1);
    double half = 0.5 * g / r0;
    return coefs(1 / s.alpha, -s.sigma / s.alpha, t.sigma / s.sigma, g + half, -half, 0, 0);
  }

  /** The VP-form variables DPM-Solver++ works in, for one Karras/Euler sigma. */
  private static final class Vp {
    final double alpha;
    final double sigma;
    final double lambda;

    Vp(double karrasSigma) {
      alpha = 1 / Math.sqrt(karrasSigma * karrasSigma + 1);
      sigma = karrasSigma * alpha;
      lambda = Math.log(alpha) - Math.log(sigma);
    }
  }

  private static void checkSigmas(String fromName, double from, String toName, double to) {
    if (!(from > 0) || !Double.isFinite(from)) {
      throw new IllegalArgumentException(fromName + " must be finite and > 0, got " + from);
    }
    if (!(to >= 0 && to <= from)) {
      throw new IllegalArgumentException(
          toName + " must be in [0, " + fromName + " = " + from + "], got " + to);
    }
  }

  private static float[] coefs(double... values) {
    float[] result = new float[STEP_COEFS];
    for (int i = 0; i < STEP_COEFS; i++) {
      result[i] = (float) values[i];
    }
    return result;
  }

  static void checkCoefs(float[] coef) {
    Args.notNull("coef", coef);
    if (coef.length != STEP_COEFS) {
      throw new IllegalArgumentException(
          "coef must have " + STEP_COEFS + " values {P, Q, A, B, C, D, E}, got " + coef.length);
    }
    for (int i = 0; i < STEP_COEFS; i++) {
      if (!Float.isFinite(coef[i])) {
        throw new IllegalArgumentException("coef[" + i + "] must be finite, got " + coef[i]);
      }
    }
  }

  private int device() {
    return target.device().code();
  }
}
