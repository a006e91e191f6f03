package org.segfill.engine.sdxl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.segfill.engine.backend.GraphContract;
import org.segfill.engine.backend.Session;

/**
 * The five loaded graphs of one SDXL inpainting bundle, checked against {@link SdxlContracts}
 * when made. Owns every session: closing this closes them all.
 *
 * @param bundleId short identity of the bundle (model contract part 0, item 8)
 * @param textEncoder CLIP-L text encoder
 * @param textEncoder2 OpenCLIP bigG text encoder with projection
 * @param unet the 9-channel inpainting UNet
 * @param vaeEncoder image to latent distribution parameters
 * @param vaeDecoder latents to image
 */
public record SdxlGraphs(String bundleId, Session textEncoder, Session textEncoder2,
    Session unet, Session vaeEncoder, Session vaeDecoder) implements AutoCloseable {

  /**
   * Checks every session's declared inputs and outputs.
   *
   * @throws IllegalArgumentException listing every mismatch, one per line
   */
  public SdxlGraphs {
    Objects.requireNonNull(bundleId, "bundleId");
    List<Session> sessions = List.of(textEncoder, textEncoder2, unet, vaeEncoder, vaeDecoder);
    List<GraphContract> contracts = SdxlContracts.all();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      Session s = sessions.get(i);
      problems.addAll(contracts.get(i).problems(s.inputs(), s.outputs()));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("the SDXL graphs do not have the expected interface:\n"
          + String.join("\n", problems));
    }
  }

  /** The sessions in pipeline order: text encoders, UNet, VAE encoder, VAE decoder. */
  public List<Session> sessions() {
    return List.of(textEncoder, textEncoder2, unet, vaeEncoder, vaeDecoder);
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (Session s : sessions()) {
      try {
        s.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
