package org.segfill.bench.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.segfill.engine.backend.Session;
import org.segfill.engine.backend.SessionFactory;
import org.segfill.engine.backend.Tensor;
import org.segfill.engine.backend.TensorSpec;

/** Each plan's memory is the drop in free memory across its own open, named by its path. */
class MeteredFactoryTest {

  private static final class NoGraph implements Session {
    @Override
    public List<TensorSpec> inputs() {
      return List.of();
    }

    @Override
    public List<TensorSpec> outputs() {
      return List.of();
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs, Set<String> wanted) {
      throw new UnsupportedOperationException("not run in this test");
    }

    @Override
    public void close() {}
  }

  @Test
  void eachOpenIsMeteredBetweenTwoReadings() {
    SessionFactory backend = new SessionFactory() {
      @Override
      public String name() {
        return "fake";
      }

      @Override
      public Session open(Path modelFile) {
        return new NoGraph();
      }
    };
    // Free bytes read before and after each open: the UNet takes 700, the decoder 50.
    Iterator<Long> free = List.of(1_000L, 300L, 300L, 250L).iterator();
    Path bundle = Path.of("/bundles/sdxl");
    MeteredFactory metered = new MeteredFactory(backend, "sdxl", bundle,
        () -> new DeviceMemoryInfo(free.next(), 2_000));

    metered.open(bundle.resolve("unet/model.onnx"));
    metered.open(bundle.resolve("vae_decoder/model.onnx"));

    assertEquals(List.of(new PlanMemory("sdxl", "unet/model.onnx", 700),
        new PlanMemory("sdxl", "vae_decoder/model.onnx", 50)), metered.plans());
    assertEquals("fake", metered.name());
  }
}
