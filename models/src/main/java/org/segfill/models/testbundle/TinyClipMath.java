package org.segfill.models.testbundle;

/**
 * The tiny text encoders' arithmetic in Java, mirroring {@link TinyClipTextEncoder}'s graphs for
 * one row of ids: used to centre the UNet's colour features on the empty prompt, and by tests
 * to check the graphs. The embedding phase id·ω + φ is rounded to float32 as the graph computes
 * it (ids near 49407 times 1.7 rad lose about 0.004 rad there); the rest runs in float64.
 *
 * @param hiddenStates [L+1][S][D]: hidden_states.0 .. hidden_states.L
 * @param lastHiddenState [S][D]: the final layer norm of hidden_states.L
 * @param eos the pooled position, argmax of the ids (first maximum)
 */
record TinyClipMath(double[][][] hiddenStates, double[][] lastHiddenState, int eos) {

  /** Runs the tiny encoder of {@code width} and {@code layers} on {@code ids}. */
  static TinyClipMath encode(long[] ids, int width, int layers) {
    int length = ids.length;
    float[] tokenFrequencies = TinyClipTextEncoder.tokenFrequencies(width);
    float[] tokenPhases = TinyClipTextEncoder.tokenPhases(width);
    float[] positionFrequencies = TinyClipTextEncoder.positionFrequencies(width);
    double[][][] states = new double[layers + 1][length][width];
    for (int j = 0; j < length; j++) {
      for (int d = 0; d < width; d++) {
        float tokenPhase = (float) ids[j] * tokenFrequencies[d] + tokenPhases[d];
        float positionPhase = (float) j * positionFrequencies[d];
        states[0][j][d] = Math.sin(tokenPhase)
            + TinySdxl.POSITION_GAIN * Math.cos(positionPhase);
      }
    }
    for (int layer = 1; layer <= layers; layer++) {
      float[] signature = TinyClipTextEncoder.layerSignature(layer, width);
      double[][] previous = states[layer - 1];
      double[] runningSum = new double[width];
      for (int j = 0; j < length; j++) {
        for (int d = 0; d < width; d++) {
          runningSum[d] += previous[j][d];
          double causalMean = runningSum[d] / (j + 1);
          states[layer][j][d] = previous[j][d] + (causalMean - previous[j][d]) / layers
              + signature[d];
        }
      }
    }
    double[][] last = new double[length][];
    for (int j = 0; j < length; j++) {
      last[j] = layerNorm(states[layers][j]);
    }
    int eos = 0;
    for (int j = 1; j < length; j++) {
      if (ids[j] > ids[eos]) {
        eos = j;
      }
    }
    return new TinyClipMath(states, last, eos);
  }

  /** The pooled vector: last_hidden_state at the EOS ({@code pooler_output}). */
  double[] pooled() {
    return lastHiddenState[eos].clone();
  }

  /** text_encoder_2's projection of the pooled vector ({@code text_embeds}). */
  double[] textEmbeds() {
    double[] v = lastHiddenState[eos];
    int width = v.length;
    double[] out = new double[width];
    for (int k = 0; k < width; k++) {
      out[k] = TinySdxl.PROJECTION_SELF * v[k] + TinySdxl.PROJECTION_MIRROR * v[width - 1 - k];
    }
    return out;
  }

  /** The mean over positions of hidden_states.{@code layer}. */
  double[] meanOverSequence(int layer) {
    double[][] state = hiddenStates[layer];
    double[] mean = new double[state[0].length];
    for (double[] position : state) {
      for (int d = 0; d < mean.length; d++) {
        mean[d] += position[d] / state.length;
      }
    }
    return mean;
  }

  private static double[] layerNorm(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v / x.length;
    }
    double variance = 0;
    for (double v : x) {
      variance += (v - mean) * (v - mean) / x.length;
    }
    double scale = 1 / Math.sqrt(variance + TinySdxl.LAYER_NORM_EPSILON);
    double[] out = new double[x.length];
    for (int d = 0; d < x.length; d++) {
      out[d] = (x[d] - mean) * scale;
    }
    return out;
  }
}
