package org.segfill.engine.sdxl;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.segfill.engine.backend.DeviceRun;
import org.segfill.kernels.PlannedStepKernels;
import org.segfill.place.KernelPlace;

/**
 * What one denoising run works on, in the UNet run's memory (the GPU for TensorRT, host memory
 * for ONNX Runtime), as the replaceable step functions of {@link SdxlSteps} see it.
 *
 * @param place the run's kernel place
 * @param kernels the planned step kernels on that place
 * @param unet the UNet's device run: its {@code sample} and {@code timestep} inputs and its
 *     {@code out_sample} output
 * @param latents the latents, {@code batch x 4 x h x w}, updated in place
 * @param mask the latent mask, {@code batch x h x w}, 1 where the picture is regenerated
 * @param masked the masked-image latents, {@code batch x 4 x h x w}
 * @param history the sampler's previous model output (DPM++ 2M), or null
 * @param values every step's values, as {@code StepValues.encode} lays them out
 * @param total the number of steps in {@code values}
 * @param stepIndex the index of the step being run, in the run's memory
 * @param batch variants
 * @param h latent rows
 * @param w latent columns
 * @param cfg whether the UNet batch holds an unconditional and a conditional half
 * @param guidance the guidance scale
 * @param seed the generation's seed (ancestral noise)
 */
record StepBuffers(KernelPlace place, PlannedStepKernels kernels, DeviceRun unet,
    FloatPointer latents, FloatPointer mask, FloatPointer masked, FloatPointer history,
    BytePointer values, int total, IntPointer stepIndex,
    int batch, int h, int w, boolean cfg, float guidance, long seed) {

  /** Elements of one variant's latents: 4 x h x w. */
  long latentElements() {
    return (long) SdxlContracts.LATENT_CHANNELS * h * w;
  }
}
