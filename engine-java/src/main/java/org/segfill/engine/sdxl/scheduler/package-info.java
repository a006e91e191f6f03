/**
 * SDXL samplers as pure schedules (model contract part 0 item 6, B5, B7, B8): diffusers'
 * {@code set_timesteps}, strength truncation, {@code scale_model_input}, {@code add_noise} and the
 * per-step update, reduced to numbers that feed {@code LatentKernels.unetInput}, {@code addNoise}
 * and {@code samplerStep}.
 *
 * <pre>{@code
 * SchedulerConfig config = SchedulerConfig.read(bundle.resolve("scheduler/scheduler_config.json"));
 * Schedule schedule = Sampler.fromId("euler").plan(config, 30, 0.99);   // 29 UNet calls
 * SamplerRun run = new SamplerRun(schedule);
 * }</pre>
 *
 * <p><b>Precision.</b> The training sigmas are built in float32 the way diffusers builds them
 * (torch float32 betas and alphas, cumulative product accumulated in double as torch's CPU
 * kernel does, float32 sigma), since a double computation moves them by up to 1.3e-5 relative.
 * Timestep grids repeat numpy's arithmetic (np.arange, np.linspace, round half to even). Schedule
 * sigmas are float32 like diffusers' tensors; everything derived from them (Karras sigmas,
 * log-sigma interpolation, scale factors, add_noise and step coefficients) is computed in double
 * and rounded to float32 once. diffusers evaluates the step formulas in float32, so coefficients
 * agree to about 1e-6 relative and a whole denoising loop to about 1e-4 relative (contract B8).
 */
package org.segfill.engine.sdxl.scheduler;
