/**
 * The GPU figures a hardware evaluator reads, measured on the tensorrt backend by
 * {@code segfill bench figures} ({@link org.segfill.bench.figures.GpuFiguresCommand}) and put
 * into scripts/gpu-check.sh's report: device memory per plan after opening both bundles, the
 * SDXL inpaint's latency with and without previews, the share of each denoising step spent
 * outside the UNet, and SAM's encode and click, each against its goal on an H100.
 * {@link org.segfill.bench.figures.GpuFigureMath} turns the raw samples into figures and
 * verdicts without a GPU, so it is tested on the CPU.
 */
package org.segfill.bench.figures;
