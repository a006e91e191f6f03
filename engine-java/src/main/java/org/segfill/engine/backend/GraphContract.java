package org.segfill.engine.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a pipeline expects of one graph file: the inputs it will feed and the outputs it will
 * read, by name, dtype and shape ({@link TensorSpec#DYNAMIC} for axes it does not fix).
 *
 * @param file the graph's file name inside its bundle, for messages
 * @param inputs every input the pipeline feeds; the graph must declare exactly these
 * @param outputs the outputs the pipeline reads; the graph may declare more
 * @param halfFloats whether a float32 tensor of the contract may be float16 in the graph (an
 *     fp16 export, fed after a cast at the boundary)
 */
public record GraphContract(String file, List<TensorSpec> inputs, List<TensorSpec> outputs,
    boolean halfFloats) {

  public GraphContract {
    Objects.requireNonNull(file, "file");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** A contract whose float tensors must be float32 exactly. */
  public GraphContract(String file, List<TensorSpec> inputs, List<TensorSpec> outputs) {
    this(file, inputs, outputs, false);
  }

  /** The expected spec of {@code name} among the inputs and outputs. */
  public TensorSpec spec(String name) {
    for (TensorSpec s : inputs) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    for (TensorSpec s : outputs) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(file + ": no tensor '" + name + "' in the contract");
  }

  /**
   * Every way the graph's declared inputs and outputs differ from this contract, one line each,
   * naming the file, the tensor, and the expected and found values; empty if they fit. An axis
   * the graph leaves dynamic fits any expected size.
   */
  public List<String> problems(List<TensorSpec> foundInputs, List<TensorSpec> foundOutputs) {
    List<String> problems = new ArrayList<>();
    compare("input", inputs, foundInputs, problems);
    compare("output", outputs, foundOutputs, problems);
    for (TensorSpec found : foundInputs) {
      if (inputs.stream().noneMatch(s -> s.name().equals(found.name()))) {
        problems.add(file + ": input '" + found.name() + "' (" + describe(found)
            + ") is not one segfill feeds; expected inputs are " + names(inputs));
      }
    }
    return problems;
  }

  private void compare(String role, List<TensorSpec> expected, List<TensorSpec> found,
      List<String> problems) {
    for (TensorSpec want : expected) {
      TensorSpec have = found.stream().filter(s -> s.name().equals(want.name())).findFirst()
          .orElse(null);
      if (have == null) {
        problems.add(file + ": " + role + " '" + want.name() + "' missing; expected "
            + describe(want) + "; found " + role + "s " + names(found));
      } else if (!dtypeFits(want.dtype(), have.dtype())) {
        problems.add(file + ": " + role + " '" + want.name() + "' dtype: expected "
            + want.dtype() + ", found " + have.dtype());
      } else if (have.rank() != want.rank()) {
        problems.add(file + ": " + role + " '" + want.name() + "' rank: expected "
            + want.rank() + " " + Shapes.format(want.shape()) + ", found " + have.rank() + " "
            + Shapes.format(have.shape()));
      } else {
        long[] w = want.shape();
        long[] h = have.shape();
        for (int axis = 0; axis < w.length; axis++) {
          if (w[axis] != TensorSpec.DYNAMIC && h[axis] != TensorSpec.DYNAMIC && w[axis] != h[axis]) {
            problems.add(file + ": " + role + " '" + want.name() + "' dim " + axis
                + ": expected " + w[axis] + " " + Shapes.format(w) + ", found " + h[axis] + " "
                + Shapes.format(h));
            break;
          }
        }
      }
    }
  }

  private boolean dtypeFits(DType wanted, DType found) {
    return wanted == found || (halfFloats && wanted == DType.FLOAT32 && found == DType.FLOAT16);
  }

  private static String describe(TensorSpec spec) {
    return spec.dtype() + Shapes.format(spec.shape());
  }

  private static String names(List<TensorSpec> specs) {
    return specs.stream().map(TensorSpec::name).toList().toString();
  }
}
