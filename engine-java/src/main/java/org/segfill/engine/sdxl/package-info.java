/**
 * Stable Diffusion XL Inpainting 0.1 on exported graphs: the bundle's interfaces, and (as they
 * land) the tokenizer, prompt encoding, samplers and the inpainting pipeline (model contract
 * part B).
 */
package org.segfill.engine.sdxl;
