package org.segfill.cuda;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A stream on the CPU behind {@link GraphCalls}, for testing {@link CapturedStep}'s decisions: it
 * counts the steps that actually ran, as a GPU would run them. A step's work {@link #queueWork()}
 * runs at once outside a capture and is only recorded inside one; a captured graph that is
 * instantiated runs the recorded work at every launch; a capture that ends in error leaves
 * nothing behind. Each call's status comes from a script (cudaSuccess when none is left), and
 * every call is logged by its cudart name.
 */
final class ScriptedStream implements GraphCalls {

  private final Deque<Integer> begins = new ArrayDeque<>();
  private final Deque<Integer> ends = new ArrayDeque<>();
  private final Deque<Integer> instantiates = new ArrayDeque<>();
  private final Deque<RuntimeException> workFailures = new ArrayDeque<>();
  /** The calls made, in order. */
  final List<String> log = new ArrayList<>();
  private boolean capturing;
  private int recorded;
  private int captured = -1;
  private int graph = -1;
  private int ran;

  /** The next cudaStreamBeginCapture returns {@code status}. */
  ScriptedStream beginReturns(int status) {
    begins.add(status);
    return this;
  }

  /** The next cudaStreamEndCapture returns {@code status}. */
  ScriptedStream endReturns(int status) {
    ends.add(status);
    return this;
  }

  /** The next cudaGraphInstantiate returns {@code status}. */
  ScriptedStream instantiateReturns(int status) {
    instantiates.add(status);
    return this;
  }

  /**
   * The next work queued while capturing throws {@code failure} instead of being recorded, as a
   * launch into an invalidated capture fails.
   */
  ScriptedStream workDuringCaptureThrows(RuntimeException failure) {
    workFailures.add(failure);
    return this;
  }

  /** One step's work, queued on this stream. */
  void queueWork() {
    log.add("work");
    if (!capturing) {
      ran++;
      return;
    }
    if (!workFailures.isEmpty()) {
      throw workFailures.poll();
    }
    recorded++;
  }

  /** Steps that ran on the "device", directly or by a graph launch. */
  int stepsRan() {
    return ran;
  }

  /** Whether a captured or executable graph is still held (not destroyed). */
  boolean holdsGraphs() {
    return captured >= 0 || graph >= 0;
  }

  @Override
  public int beginCapture() {
    log.add("cudaStreamBeginCapture");
    int status = next(begins);
    if (status == 0) {
      capturing = true;
      recorded = 0;
    }
    return status;
  }

  @Override
  public int endCapture() {
    log.add("cudaStreamEndCapture");
    if (!capturing) {
      throw new AssertionError("cudaStreamEndCapture without a capture");
    }
    capturing = false;
    int status = next(ends);
    captured = status == 0 ? recorded : -1;
    return status;
  }

  @Override
  public int instantiate() {
    log.add("cudaGraphInstantiate");
    int status = next(instantiates);
    graph = status == 0 ? captured : -1;
    captured = -1;
    return status;
  }

  @Override
  public void discardCaptured() {
    log.add("cudaGraphDestroy");
    captured = -1;
  }

  @Override
  public int launch() {
    log.add("cudaGraphLaunch");
    if (graph < 0) {
      throw new AssertionError("cudaGraphLaunch without an executable graph");
    }
    ran += graph;
    return 0;
  }

  @Override
  public int clearLastError() {
    log.add("cudaGetLastError");
    return 0;
  }

  @Override
  public String describe(int status) {
    return "text of " + status;
  }

  @Override
  public void destroy() {
    log.add("cudaGraphExecDestroy");
    captured = -1;
    graph = -1;
  }

  private static int next(Deque<Integer> script) {
    return script.isEmpty() ? 0 : script.poll();
  }
}
