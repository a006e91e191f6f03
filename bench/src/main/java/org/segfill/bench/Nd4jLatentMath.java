package org.segfill.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The per-step latent math of {@link LatentBench} written with ND4J, the way a competent ND4J
 * user would: every array and view is made once here, and each step runs in-place ops into them,
 * so a step allocates no array memory (only ND4J's small op objects).
 *
 * <p>Shapes for one sample with CFG: model output [2, 4hw] (uncond first), latents [4hw], mask
 * [hw], masked latents [4hw], UNet input [2, 9, h, w], fp16 output [2, 4hw].
 */
final class Nd4jLatentMath {
  private final INDArray modelOut;
  private final INDArray uncond;
  private final INDArray cond;
  private final INDArray eps;
  private final INDArray latents;
  private final INDArray latentsChw;
  private final INDArray mask;
  private final INDArray masked;
  private final INDArray unetIn;
  private final INDArray scaledPart;
  private final INDArray maskPart;
  private final INDArray maskedPart;
  private final INDArray condInput;
  private final INDArray uncondInput;
  private final INDArray half;

  /** Copies the inputs into ND4J arrays of the shapes above. */
  Nd4jLatentMath(float[] modelOut, float[] latents, float[] mask, float[] masked, int h, int w) {
    long n = 4L * h * w;
    this.modelOut = Nd4j.create(modelOut, new long[] {2, n}, DataType.FLOAT);
    uncond = this.modelOut.get(NDArrayIndex.point(0), NDArrayIndex.all());
    cond = this.modelOut.get(NDArrayIndex.point(1), NDArrayIndex.all());
    eps = Nd4j.create(DataType.FLOAT, n);
    this.latents = Nd4j.create(latents, new long[] {n}, DataType.FLOAT);
    latentsChw = this.latents.reshape(4, h, w);
    this.mask = Nd4j.create(mask, new long[] {1, h, w}, DataType.FLOAT);
    this.masked = Nd4j.create(masked, new long[] {4, h, w}, DataType.FLOAT);
    unetIn = Nd4j.create(DataType.FLOAT, 2, 9, h, w);
    scaledPart = channels(unetIn, 0, 0, 4);
    maskPart = channels(unetIn, 0, 4, 5);
    maskedPart = channels(unetIn, 0, 5, 9);
    uncondInput = channels(unetIn, 0, 0, 9);
    condInput = channels(unetIn, 1, 0, 9);
    half = Nd4j.create(DataType.HALF, 2, n);
  }

  /**
   * CFG combine + Euler update in place on the latents, in the kernel's rounding order:
   * eps = u + g * (c - u), x += dt * eps (dt = sigmaNext - sigma). Three passes: a subtraction
   * and two of ND4J's fused axpy ops (z = a * x + y), rather than five separate ops.
   */
  void cfgEuler(float guidance, float dt) {
    cond.sub(uncond, eps);
    Nd4j.exec(new Axpy(eps, uncond, eps, guidance));
    Nd4j.exec(new Axpy(eps, latents, latents, dt));
  }

  /** UNet input [2, 9, h, w] = concat(latents * scale, mask, masked), built once and duplicated. */
  void unetInput(float scale) {
    latentsChw.mul(scale, scaledPart);
    maskPart.assign(mask);
    maskedPart.assign(masked);
    condInput.assign(uncondInput);
  }

  /** fp32 -> fp16 of the model output into the preallocated HALF array (assign casts). */
  void f32ToF16() {
    half.assign(modelOut);
  }

  /** View of channels [from, to) of sample {@code sample} of an NCHW array (contiguous here). */
  private static INDArray channels(INDArray nchw, int sample, int from, int to) {
    return nchw.get(NDArrayIndex.point(sample), NDArrayIndex.interval(from, to),
        NDArrayIndex.all(), NDArrayIndex.all());
  }

  INDArray latents() {
    return latents;
  }

  INDArray unetIn() {
    return unetIn;
  }

  INDArray half() {
    return half;
  }
}
