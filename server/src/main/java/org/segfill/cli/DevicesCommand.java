package org.segfill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.concurrent.Callable;
import org.segfill.devices.DeviceReport;
import picocli.CommandLine.Command;

/** {@code segfill devices}: prints what this machine can run, as JSON. */
@Command(
    name = "devices",
    description = "Print, as JSON, whether CUDA and TensorRT are usable here and why not, "
        + "and which GPU architectures the kernel library carries.")
final class DevicesCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    DeviceReport report = DeviceReport.probe();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    System.out.println(json.writeValueAsString(report));
    return 0;
  }
}
