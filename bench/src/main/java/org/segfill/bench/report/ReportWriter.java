package org.segfill.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Writes a {@link BenchReport} as report.md, report.json and the PNG charts. */
public final class ReportWriter {

  /** The Markdown report's file name. */
  public static final String MARKDOWN = "report.md";
  /** The JSON report's file name. */
  public static final String JSON = "report.json";

  private ReportWriter() {}

  /** Writes every file into {@code dir} (which must exist) and returns their names. */
  public static List<String> write(BenchReport report, Path dir) throws IOException {
    List<String> charts = ReportCharts.write(report, dir);
    Files.writeString(dir.resolve(MARKDOWN), ReportMarkdown.render(report, charts),
        StandardCharsets.UTF_8);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    json.writeValue(dir.resolve(JSON).toFile(), report);
    return Stream.concat(Stream.of(MARKDOWN, JSON), charts.stream()).toList();
  }
}
