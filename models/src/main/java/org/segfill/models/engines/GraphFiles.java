package org.segfill.models.engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.segfill.engine.backend.tensorrt.TrustedFiles;
import org.segfill.models.onnx.proto.OnnxSubset.ModelProto;
import org.segfill.models.onnx.proto.OnnxSubset.StringStringEntryProto;
import org.segfill.models.onnx.proto.OnnxSubset.TensorProto;

/**
 * The files one ONNX graph is made of, checked for trust (reliability.md H1, H4): the graph
 * itself and every external-data file its initializers name, each inside the bundle's trusted
 * directories after resolving symlinks and {@code ..}; an absolute or escaping location refuses
 * the whole graph before any runtime or parser reads it.
 */
public final class GraphFiles {

  private GraphFiles() {}

  /**
   * The graph's real path followed by the real paths of its external-data files.
   *
   * @throws IllegalArgumentException for a file outside {@code roots} or an unreadable graph
   */
  public static List<Path> trusted(List<Path> roots, Path graph) {
    return open(roots, graph).files();
  }

  /** A graph checked for trust, with the model read for the check (for callers that need more). */
  record TrustedGraph(List<Path> files, ModelProto model) {

    TrustedGraph {
      files = List.copyOf(files);
    }
  }

  /**
   * Reads {@code graph} once: its trusted files as {@link #trusted} returns them, and the model.
   *
   * @throws IllegalArgumentException for a file outside {@code roots} or an unreadable graph
   */
  static TrustedGraph open(List<Path> roots, Path graph) {
    Path real = TrustedFiles.requireInside(roots, graph, "graph");
    ModelProto model;
    try (InputStream in = Files.newInputStream(real)) {
      model = ModelProto.parseFrom(in);
    } catch (IOException e) {
      throw new UncheckedIOException("graph " + graph + ": not a readable ONNX file", e);
    }
    Set<Path> files = new LinkedHashSet<>();
    files.add(real);
    for (TensorProto t : model.getGraph().getInitializerList()) {
      if (t.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
        continue;
      }
      for (StringStringEntryProto e : t.getExternalDataList()) {
        if (e.getKey().equals("location")) {
          files.add(TrustedFiles.externalData(roots, graph, e.getValue()));
        }
      }
    }
    return new TrustedGraph(new ArrayList<>(files), model);
  }

  /**
   * Checks every graph of the SAM or SDXL bundle in {@code bundle} (and its external data) lies
   * inside {@code roots}, before any runtime opens one.
   *
   * @throws IllegalArgumentException naming the first file that escapes
   */
  public static void requireBundleTrusted(Path bundle, List<Path> roots) {
    for (BuildEngines.Job job : BuildEngines.jobs(bundle)) {
      trusted(roots, job.source());
    }
  }
}
