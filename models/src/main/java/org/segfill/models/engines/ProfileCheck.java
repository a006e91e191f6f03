package org.segfill.models.engines;

import java.util.ArrayList;
import java.util.List;
import org.segfill.engine.backend.Shapes;
import org.segfill.engine.backend.TensorSpec;
import org.segfill.engine.backend.tensorrt.InputShapes;

/**
 * Checks a {@link GraphPlan} against the inputs and outputs a graph really declares, before
 * TensorRT sees it: a profile naming a missing input, or missing a dynamic one, would otherwise
 * fail deep inside the builder with a less helpful message.
 */
public final class ProfileCheck {

  private ProfileCheck() {}

  /** Every way {@code plan} does not fit the graph, one line each; empty if it fits. */
  public static List<String> problems(GraphPlan plan, List<TensorSpec> inputs,
      List<String> outputs) {
    List<String> problems = new ArrayList<>();
    List<String> names = inputs.stream().map(TensorSpec::name).toList();
    for (int k = 0; k < plan.profiles().size(); k++) {
      for (InputShapes s : plan.profiles().get(k)) {
        TensorSpec spec = inputs.stream().filter(i -> i.name().equals(s.input())).findFirst()
            .orElse(null);
        if (spec == null) {
          problems.add(plan.source() + ": profile " + k + " names input '" + s.input()
              + "', which the graph does not have; its inputs are " + names);
          continue;
        }
        if (spec.rank() != s.rank()) {
          problems.add(plan.source() + ": profile " + k + " gives '" + s.input() + "' rank "
              + s.rank() + ", the graph declares " + Shapes.format(spec.shape()));
          continue;
        }
        long[] declared = spec.shape();
        for (int axis = 0; axis < declared.length; axis++) {
          if (!spec.isDynamic(axis) && (s.min()[axis] != declared[axis]
              || s.max()[axis] != declared[axis] || s.opt()[axis] != declared[axis])) {
            problems.add(plan.source() + ": profile " + k + " gives '" + s.input() + "' axis "
                + axis + " " + s.min()[axis] + ".." + s.max()[axis] + ", the graph fixes it at "
                + declared[axis]);
          }
        }
      }
      for (TensorSpec spec : inputs) {
        boolean dynamic = false;
        for (int axis = 0; axis < spec.rank(); axis++) {
          dynamic |= spec.isDynamic(axis);
        }
        if (dynamic && plan.shapes(k, spec.name()) == null) {
          problems.add(plan.source() + ": input '" + spec.name() + "' "
              + Shapes.format(spec.shape()) + " has a dynamic axis but profile " + k
              + " gives it no range");
        }
      }
    }
    for (String keep : plan.keepOutputs()) {
      if (!outputs.contains(keep)) {
        problems.add(plan.source() + ": output '" + keep + "' is missing; outputs are "
            + outputs);
      }
    }
    return problems;
  }
}
