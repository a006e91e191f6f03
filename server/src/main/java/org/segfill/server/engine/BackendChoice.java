package org.segfill.server.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.segfill.engine.backend.Availability;
import org.segfill.engine.backend.BackendKind;
import org.segfill.engine.backend.BackendProbes;
import org.segfill.engine.backend.BackendUnavailableException;
import org.segfill.engine.backend.SessionFactory;
import org.segfill.engine.backend.ort.OrtBackend;
import org.segfill.engine.backend.tensorrt.EngineManifest;
import org.segfill.engine.backend.tensorrt.TrtBackend;

/**
 * Which backend runs the graphs, and why: {@code auto} takes the first available of tensorrt,
 * ort-cuda and ort-cpu and says why it passed over the better ones; a backend named explicitly
 * is used or refused with the reason, never replaced by another.
 *
 * @param requested what the configuration asked for
 * @param kind the backend in use
 * @param reason one sentence saying why
 */
public record BackendChoice(String requested, BackendKind kind, String reason) {

  /** The selected backend's name, e.g. {@code ort-cpu}. */
  public String selected() {
    return kind.id();
  }

  /**
   * The backend for {@code requested} serving {@code bundles}, asking this process which
   * backends can run (CUDA, TensorRT, ONNX Runtime's providers, the bundles' engines).
   */
  public static BackendChoice forBundles(String requested, List<Path> bundles) {
    if (requested.equals("auto") && bundles.isEmpty()) {
      return new BackendChoice(requested, BackendKind.ORT_CPU, "auto: ort-cpu, no bundle is"
          + " configured (--sam, --sdxl), so only the classic engines run, on the CPU");
    }
    return choose(requested, kind -> BackendProbes.availability(kind, bundles));
  }

  /**
   * A session factory of this backend for the graphs of {@code bundle}; a TensorRT factory
   * reads only plans inside {@code trusted}.
   */
  public SessionFactory factory(Path bundle, List<Path> trusted) {
    return switch (kind) {
      case ORT_CPU -> new OrtBackend();
      case ORT_CUDA -> OrtBackend.cuda(0);
      case TENSORRT -> new TrtBackend(bundle, EngineManifest.defaultDir(bundle), trusted);
    };
  }

  /** Where the graphs run: "cpu" for ort-cpu, else "cuda". */
  public String device() {
    return kind == BackendKind.ORT_CPU ? "cpu" : "cuda";
  }

  /**
   * The backend for {@code requested} ({@code auto} or a {@link BackendKind} name), asking
   * {@code probe} which can run.
   *
   * @throws IllegalArgumentException for an unknown name, listing the allowed ones
   * @throws BackendUnavailableException when the named backend cannot run here, with why
   */
  public static BackendChoice choose(String requested,
      Function<BackendKind, Availability> probe) {
    if (!requested.equals("auto")) {
      BackendKind kind = BackendKind.of(requested);
      Availability a = probe.apply(kind);
      if (!a.available()) {
        throw new BackendUnavailableException("backend " + kind.id() + " is unavailable: "
            + a.reason());
      }
      return new BackendChoice(requested, kind, "requested; " + a.reason());
    }
    List<String> passedOver = new ArrayList<>();
    for (BackendKind kind : BackendKind.values()) {
      Availability a = probe.apply(kind);
      if (a.available()) {
        String why = passedOver.isEmpty() ? "the best backend"
            : "the best available; " + String.join("; ", passedOver);
        return new BackendChoice(requested, kind, "auto: " + kind.id() + " (" + a.reason()
            + "), " + why);
      }
      passedOver.add(kind.id() + " unavailable (" + a.reason() + ")");
    }
    // ort-cpu is always available; reaching here means a probe broke that promise.
    throw new IllegalStateException("no backend available: " + passedOver);
  }
}
