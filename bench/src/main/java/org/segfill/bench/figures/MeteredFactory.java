package org.segfill.bench.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.SessionFactory;
import org.segfill.place.KernelPlace;

/**
 * A session factory that reads the device's free memory before and after each graph it opens,
 * so the bundle classes open their graphs as usual and each plan's memory is known. Meant for
 * one thread: the bundles open their graphs one after the other.
 */
public final class MeteredFactory implements SessionFactory {

  private final SessionFactory backend;
  private final String bundle;
  private final Path dir;
  private final Supplier<DeviceMemoryInfo> memory;
  private final List<PlanMemory> plans = new ArrayList<>();

  /**
   * @param backend the factory that opens the graphs
   * @param bundle the bundle's name in the report ({@code sam}, {@code sdxl})
   * @param dir the bundle directory, to name each graph by its path inside it
   * @param memory reads the device's memory ({@link DeviceMemoryInfo#read} on a GPU)
   */
  public MeteredFactory(SessionFactory backend, String bundle, Path dir,
      Supplier<DeviceMemoryInfo> memory) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.bundle = Objects.requireNonNull(bundle, "bundle");
    this.dir = dir.toAbsolutePath().normalize();
    this.memory = Objects.requireNonNull(memory, "memory");
  }

  @Override
  public String name() {
    return backend.name();
  }

  @Override
  public Session open(Path modelFile) {
    long before = memory.get().freeBytes();
    Session session = backend.open(modelFile);
    long after = memory.get().freeBytes();
    String graph = dir.relativize(modelFile.toAbsolutePath().normalize()).toString()
        .replace('\\', '/');
    plans.add(PlanMemory.of(bundle, graph, before, after));
    return session;
  }

  @Override
  public KernelPlace openKernelPlace() {
    return backend.openKernelPlace();
  }

  /** Every plan opened so far, in order. */
  public List<PlanMemory> plans() {
    return List.copyOf(plans);
  }
}
