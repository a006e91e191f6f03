package org.segfill.models.sdxl;

import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.image.RgbImage;

/**
 * Every check of one recorded generation of a scenario, as a list of failures (empty when all
 * pass): the exact tensors at each graph boundary against the test's own reference, and the
 * picture end to end. Shared by the run with the contract's steps, which must pass, and the
 * mutation runs, which must each fail something.
 */
public final class InpaintChecks {

  private final InpaintScenario scenario;
  private final InpaintReference reference;

  /** Works out the scenario's reference on {@code bundle}'s graphs. */
  public InpaintChecks(InpaintScenario scenario, InstrumentedSdxlBundle bundle) {
    this.scenario = scenario;
    this.reference = InpaintReference.of(scenario, bundle);
  }

  /**
   * The failures of one generation.
   *
   * @param recording what reached each graph
   * @param out the generated picture (the only variant)
   */
  public List<CheckFailure> failures(GraphRecording recording, RgbImage out) {
    List<CheckFailure> failures = new ArrayList<>();
    // The graph-boundary checks first: they name the cause; the picture shows the effect.
    failures.addAll(new ConditioningChecks(scenario, reference).failures(recording));
    failures.addAll(new LatentInputChecks(scenario, reference).failures(recording));
    failures.addAll(new LoopChecks(scenario, reference).failures(recording));
    failures.addAll(new EndToEndChecks(scenario, reference).failures(scenario.image(), out));
    return failures;
  }
}
