package org.segfill.bench.report;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.segfill.devices.DeviceReport;

/**
 * The machine a report was measured on: CPU, cores, memory, OS, the GPU devices as
 * {@code segfill devices} sees them, and the versions of what ran.
 *
 * @param devices CUDA and TensorRT availability, with the reasons when absent
 * @param versions component to version, e.g. {@code onnxruntime -> 1.24.1}
 */
public record Machine(String cpu, int logicalCores, long memoryBytes, String os,
    String devices, Map<String, String> versions) {

  public Machine {
    versions = Map.copyOf(versions);
  }

  /** Describes this machine. */
  public static Machine probe() {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("segfill", "0.1.0");
    versions.put("java", System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version"));
    versions.put("onnxruntime", OrtEnvironment.getEnvironment().getVersion());
    versions.put("jmh", Optional.ofNullable(org.openjdk.jmh.runner.Runner.class.getPackage()
        .getImplementationVersion()).orElse("1.37"));
    return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), memTotal(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        probeDevices(), versions);
  }

  private static String probeDevices() {
    try {
      DeviceReport report = DeviceReport.probe();
      String cuda = report.cuda().available()
          ? report.cuda().devices().size() + " device(s) " + report.cuda().devices()
              + ", driver " + report.cuda().driverVersion()
          : "unavailable (" + report.cuda().reason() + ")";
      String trt = report.tensorrt().available() ? report.tensorrt().version()
          : "unavailable (" + report.tensorrt().reason() + ")";
      return "CUDA " + cuda + "; TensorRT " + trt;
    } catch (IOException | RuntimeException | LinkageError e) {
      return "not probed: " + e.getMessage();
    }
  }

  private static String cpuModel() {
    return procField("/proc/cpuinfo", "model name")
        .orElse(System.getProperty("os.arch") + " (model unknown)");
  }

  private static long memTotal() {
    // "MemTotal:       24562356 kB"
    return procField("/proc/meminfo", "MemTotal")
        .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) * 1024)
        .orElse(Runtime.getRuntime().maxMemory());
  }

  private static Optional<String> procField(String file, String key) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .filter(l -> l.startsWith(key))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
