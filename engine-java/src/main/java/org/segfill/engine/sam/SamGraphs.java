package org.segfill.engine.sam;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.segfill.engine.backend.GraphContract;
import org.segfill.engine.backend.Session;

/**
 * The two loaded graphs of one SAM bundle, checked against {@link SamContracts} when made. Owns
 * both sessions: closing this closes them.
 *
 * @param layout which export the graphs come from
 * @param bundleId short identity of the bundle, for results and logs
 * @param encoder the image encoder
 * @param decoder the prompt encoder and mask decoder
 */
public record SamGraphs(SamLayout layout, String bundleId, Session encoder, Session decoder)
    implements AutoCloseable {

  /**
   * Checks both sessions' declared inputs and outputs.
   *
   * @throws IllegalArgumentException listing every mismatch, one per line
   */
  public SamGraphs {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(bundleId, "bundleId");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(decoder, "decoder");
    List<String> problems = new ArrayList<>();
    problems.addAll(check(SamContracts.encoder(layout), encoder));
    problems.addAll(check(SamContracts.decoder(layout), decoder));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("the " + layout.id() + " SAM graphs do not have the"
          + " expected interface:\n" + String.join("\n", problems));
    }
  }

  private static List<String> check(GraphContract contract, Session session) {
    return contract.problems(session.inputs(), session.outputs());
  }

  @Override
  public void close() {
    try {
      encoder.close();
    } finally {
      decoder.close();
    }
  }
}
