package org.segfill.models.sdxl;

import org.segfill.engine.sdxl.SdxlGraphs;

/**
 * The five graphs of one recorded SDXL generation, each behind a {@link RecordingSession}.
 *
 * @param textEncoder CLIP-L
 * @param textEncoder2 bigG
 * @param unet the inpainting UNet
 * @param vaeEncoder image to latent distribution parameters
 * @param vaeDecoder latents to image
 */
public record GraphRecording(RecordingSession textEncoder, RecordingSession textEncoder2,
    RecordingSession unet, RecordingSession vaeEncoder, RecordingSession vaeDecoder) {

  /** Records the runs of {@code graphs}' sessions (which stay open). */
  public static GraphRecording of(SdxlGraphs graphs) {
    return new GraphRecording(new RecordingSession(graphs.textEncoder()),
        new RecordingSession(graphs.textEncoder2()), new RecordingSession(graphs.unet()),
        new RecordingSession(graphs.vaeEncoder()), new RecordingSession(graphs.vaeDecoder()));
  }

  /** Graphs for a pipeline: closing them closes only the recorders. */
  public SdxlGraphs graphs(String bundleId) {
    return new SdxlGraphs(bundleId, textEncoder, textEncoder2, unet, vaeEncoder, vaeDecoder);
  }
}
