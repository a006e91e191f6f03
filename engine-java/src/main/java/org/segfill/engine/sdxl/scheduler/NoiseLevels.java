package org.segfill.engine.sdxl.scheduler;

/**
 * What a diffusers scheduler's {@code set_timesteps(steps)} leaves behind, before strength cuts
 * it: {@code steps} timesteps and {@code steps + 1} sigmas (the last one is the final sigma),
 * float32 like diffusers' tensors. Arrays are owned by the planner and never exposed.
 */
record NoiseLevels(float[] timesteps, float[] sigmas) {

  int steps() {
    return timesteps.length;
  }
}
