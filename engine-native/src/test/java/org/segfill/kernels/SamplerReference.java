package org.segfill.kernels;

/**
 * Java reference of sf_sampler_step_f32 with the kernel's operation order, so results are equal
 * bit for bit: eps = u + g (c - u); m0 = P x + Q eps; x' = (((A x + B m0) + C m1) + D eps) + E z.
 */
final class SamplerReference {
  private SamplerReference() {}

  static void step(float[] modelOut, float[] latents, float[] history, int batch, int n,
      boolean cfg, float guidance, float[] k, long seed, int stream) {
    float[] z = k[6] != 0 ? PhiloxTwin.randn(batch, n, seed, stream) : null;
    boolean readHistory = history != null && k[4] != 0;
    int total = batch * n;
    for (int idx = 0; idx < total; idx++) {
      float eps;
      if (cfg) {
        float u = modelOut[idx];
        float c = modelOut[idx + total];
        eps = u + guidance * (c - u);
      } else {
        eps = modelOut[idx];
      }
      float x = latents[idx];
      float m0 = k[0] * x + k[1] * eps;
      float m1 = readHistory ? history[idx] : 0f;
      float noise = z != null ? z[idx] : 0f;
      latents[idx] = k[2] * x + k[3] * m0 + k[4] * m1 + k[5] * eps + k[6] * noise;
      if (history != null) {
        history[idx] = m0;
      }
    }
  }
}
