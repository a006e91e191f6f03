package org.segfill.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.segfill.engine.sdxl.SdxlContracts;
import org.segfill.models.bundle.SamBundle;
import org.segfill.models.bundle.SdxlBundle;

/**
 * The weight bytes each stage reads at least once per operation: the graph file plus its
 * external-data files ({@code model.onnx_data} and the like, named after the graph). The
 * report divides these by the copy bandwidth to get each stage's memory floor.
 */
final class GraphBytes {

  private GraphBytes() {}

  /** Stage id to bytes, for the bundles given (either may be null). */
  static Map<String, Long> of(Path sam, Path sdxl, int inpaintSteps) {
    Map<String, Long> bytes = new LinkedHashMap<>();
    if (sam != null) {
      SamBundle b = SamBundle.locate(sam);
      bytes.put("sam.encode", size(b.encoder()));
      bytes.put("sam.click", size(b.decoder()));
    }
    if (sdxl != null) {
      SdxlBundle b = SdxlBundle.locate(sdxl);
      long text = size(b.file(SdxlContracts.textEncoder()))
          + size(b.file(SdxlContracts.textEncoder2()));
      long unet = size(b.file(SdxlContracts.unet()));
      long encoder = size(b.file(SdxlContracts.vaeEncoder()));
      long decoder = size(b.file(SdxlContracts.vaeDecoder()));
      bytes.put("sdxl.textEncode", text);
      bytes.put("sdxl.unetStep", unet);
      bytes.put("sdxl.vaeEncode", encoder);
      bytes.put("sdxl.vaeDecode", decoder);
      bytes.put("sdxl.inpaint", text + encoder + inpaintSteps * unet + decoder);
    }
    return bytes;
  }

  /** The graph file and the files beside it whose names extend its name. */
  static long size(Path graph) {
    String name = graph.getFileName().toString();
    try (Stream<Path> siblings = Files.list(graph.getParent())) {
      return siblings.filter(p -> p.getFileName().toString().startsWith(name))
          .mapToLong(p -> {
            try {
              return Files.size(p);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
