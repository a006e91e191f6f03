package org.segfill.server.engine;

import java.util.Optional;
import org.segfill.engine.backend.DeviceFault;
import org.segfill.server.http.ApiException;

/**
 * Whether the engines are loaded and warmed up: the answer of {@code /health/ready} and the gate
 * of every route that needs an engine. Starts {@code loading}; becomes {@code ready} with the
 * engines, or {@code failed} with the reason.
 */
public final class Readiness {

  /** The phases of engine loading. */
  public enum State { LOADING, READY, FAILED }

  private volatile State state = State.LOADING;
  private volatile EngineSet engines;
  private volatile String failure;
  private final java.util.concurrent.atomic.AtomicReference<String> lost =
      new java.util.concurrent.atomic.AtomicReference<>();
  private volatile Runnable onLost = () -> { };

  /**
   * Records a sticky CUDA error ({@link DeviceFault#sticky()}) in {@code error}'s causes: the
   * CUDA context is gone for the rest of the process, so the server stops being live and the
   * action set with {@link #onDeviceLost} (the process exiting, for a supervisor to restart it)
   * runs once. Returns whether {@code error} carried one.
   */
  public boolean observe(Throwable error) {
    DeviceFault fault = DeviceFault.stickyIn(error);
    if (fault == null) {
      return false;
    }
    if (lost.compareAndSet(null, fault.getMessage())) {
      state = State.FAILED;
      failure = "GPU lost: " + fault.getMessage();
      onLost.run();
    }
    return true;
  }

  /** What runs once when a sticky CUDA error is observed (by default nothing). */
  public void onDeviceLost(Runnable action) {
    onLost = java.util.Objects.requireNonNull(action, "action");
  }

  /** The sticky CUDA error that ended this process's GPU, if one happened. */
  public Optional<String> deviceLost() {
    return Optional.ofNullable(lost.get());
  }

  /** Marks the engines loaded. */
  public void ready(EngineSet loaded) {
    engines = loaded;
    state = State.READY;
  }

  /** Marks loading failed with a reason for the health probe and the log. */
  public void failed(String reason) {
    failure = reason;
    state = State.FAILED;
  }

  public State state() {
    return state;
  }

  /** The failure reason, when loading failed. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** The engines, once ready. */
  public Optional<EngineSet> engines() {
    return state == State.READY ? Optional.of(engines) : Optional.empty();
  }

  /**
   * The engines.
   *
   * @throws ApiException 503 while loading or after a failed load
   */
  public EngineSet require() {
    EngineSet e = engines;
    if (state == State.READY && e != null) {
      return e;
    }
    throw notReady();
  }

  /** The 503 that says why the engines cannot serve yet. */
  public ApiException notReady() {
    return state == State.FAILED
        ? ApiException.unavailable("engines-failed", "the engines failed to load: " + failure)
        : ApiException.unavailable("not-ready", "the engines are still loading and warming up;"
            + " poll /health/ready");
  }
}
