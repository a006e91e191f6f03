package org.segfill.models.sdxl;

/**
 * Everything the checks expect of one scenario, computed by the test from the contract (see each
 * part) with the bundle's graphs run directly, never through the pipeline or its steps.
 *
 * @param prompt the prompt's ids and embedding
 * @param negativePrompt the negative text's ids and embedding, or null when the uncond branch is
 *     zeros (an absent negative prompt in a bundle that forces zeros)
 * @param images the image and mask tensors
 * @param latents the VAE latents and the starting noise
 * @param schedule the Euler steps that run
 */
public record InpaintReference(PromptReference prompt, PromptReference negativePrompt,
    ImageReference images, LatentReference latents, EulerReference schedule) {

  public static InpaintReference of(InpaintScenario scenario, InstrumentedSdxlBundle bundle) {
    var graphs = bundle.graphs();
    PromptReference prompt = PromptReference.of(scenario.prompt(), bundle.dir(),
        graphs.textEncoder(), graphs.textEncoder2());
    // diffusers: zeros only when negative_prompt is None and force_zeros_for_empty_prompt;
    // otherwise the negative text, "" when absent, is encoded.
    boolean zeros = scenario.negativePrompt() == null
        && bundle.settings().forceZerosForEmptyPrompt();
    PromptReference negative = zeros ? null : PromptReference.of(
        scenario.negativePrompt() == null ? "" : scenario.negativePrompt(), bundle.dir(),
        graphs.textEncoder(), graphs.textEncoder2());
    ImageReference images = ImageReference.of(scenario);
    return new InpaintReference(prompt, negative, images,
        LatentReference.of(images, graphs.vaeEncoder(), scenario.seed()),
        EulerReference.of(scenario.steps(), scenario.strength()));
  }

  /** Whether the text encoders must also run on the negative text. */
  public boolean negativeEncoded() {
    return negativePrompt != null;
  }

  /** The uncond row's embedding. */
  public ReferenceEmbedding negative() {
    return negativePrompt == null ? ReferenceEmbedding.zeros() : negativePrompt.embedding();
  }
}
