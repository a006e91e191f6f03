package org.segfill.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.segfill.engine.backend.BackendKind;
import org.segfill.engine.backend.BackendProbes;
import org.segfill.engine.backend.SessionFactory;
import org.segfill.server.engine.BackendChoice;

/**
 * The inference backends the model-stage suites can run on, by the ids {@code segfill serve
 * --backend} uses, chosen and opened exactly as the server does ({@link BackendChoice}). Every
 * suite takes the id as a JMH parameter, so each backend that can run here joins every suite
 * and every report table.
 */
public final class BenchBackends {

  private BenchBackends() {}

  /**
   * Backend ids that can serve {@code bundles} here, in report order: ort-cpu always; ort-cuda
   * with a CUDA build of ONNX Runtime and a GPU; tensorrt with a GPU and plans built for every
   * bundle by {@code segfill build-engines}.
   */
  public static List<String> available(List<Path> bundles) {
    // ort-cpu first: the report's ratio column compares every other backend with it.
    return Stream.concat(Stream.of(BackendKind.ORT_CPU),
            Arrays.stream(BackendKind.values()).filter(kind -> kind != BackendKind.ORT_CPU))
        .filter(kind -> BackendProbes.availability(kind, bundles).available())
        .map(BackendKind::id)
        .toList();
  }

  /**
   * A new session factory of backend {@code id} for the graphs of {@code bundle}.
   *
   * @throws IllegalArgumentException naming the allowed ids when {@code id} is unknown
   * @throws org.segfill.engine.backend.BackendUnavailableException with the reason when the
   *     backend cannot run here
   */
  public static SessionFactory open(String id, Path bundle) {
    List<Path> bundles = List.of(bundle);
    return BackendChoice.choose(id, kind -> BackendProbes.availability(kind, bundles))
        .factory(bundle, bundles);
  }
}
