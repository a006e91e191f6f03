package org.segfill.bench.figures;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@link GpuFiguresReport} as JSON (for report.json) and as markdown (REPORT.md). */
public final class GpuFiguresWriter {

  private GpuFiguresWriter() {}

  /** Writes both files; their directories must exist. */
  public static void write(GpuFiguresReport report, Path json, Path markdown)
      throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(json.toFile(), report);
    Files.writeString(markdown, GpuFiguresMarkdown.render(report), StandardCharsets.UTF_8);
  }
}
