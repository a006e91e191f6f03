package org.segfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.segfill.devices.CudaProbe;
import org.segfill.devices.TensorRtProbe;
import org.segfill.server.Setting;

/** {@code segfill serve}'s flags and its refusals, before any server starts. */
class ServeCommandTest {

  @Test
  void everySettingIsAFlagListedInTheHelp() {
    CliRun run = CliRun.of("serve", "--help");
    assertEquals(0, run.exit());
    for (Setting s : Setting.values()) {
      assertTrue(run.out().contains(s.flag()), () -> s.flag() + " missing from\n" + run.out());
      assertTrue(run.out().contains(s.env()), () -> s.env() + " missing from\n" + run.out());
    }
  }

  @Test
  void bindingBeyondLoopbackWithoutATokenExitsTwoSayingWhy() {
    CliRun run = CliRun.of("serve", "--bind", "0.0.0.0", "--port", "0");
    assertEquals(Main.BAD_INPUT, run.exit(), run::err);
    assertTrue(run.err().contains("token is required to bind 0.0.0.0"), run::err);
  }

  @Test
  void aMissingBundleFolderExitsTwoNamingTheFlag() {
    CliRun run = CliRun.of("serve", "--port", "0", "--sam", "/nonexistent/sam");
    assertEquals(Main.BAD_INPUT, run.exit(), run::err);
    assertTrue(run.err().contains("sam: /nonexistent/sam is not a directory"), run::err);
  }

  @Test
  void aBadLimitExitsTwoNamingTheFlag() {
    CliRun run = CliRun.of("serve", "--max-points", "100");
    assertEquals(Main.BAD_INPUT, run.exit(), run::err);
    assertTrue(run.err().contains("--max-points: maxPoints must be in [1, 64]"), run::err);
  }

  @Test
  void anUnavailableExplicitBackendFailsFastWithTheReasonAndNoStackTrace() {
    Assumptions.assumeFalse(TensorRtProbe.probe().available() && CudaProbe.available(),
        "TensorRT and CUDA are available here, so tensorrt would start");
    CliRun run = CliRun.of("serve", "--port", "0", "--backend", "tensorrt");
    assertEquals(Main.FAILED, run.exit(), run::err);
    assertTrue(run.err().startsWith("segfill serve: backend tensorrt is unavailable: "),
        run::err);
    String reason = !TensorRtProbe.probe().available()
        ? "TensorRT: " + TensorRtProbe.probe().reason() : "CUDA: " + CudaProbe.probe().reason();
    assertTrue(run.err().contains(reason), () -> run.err() + " lacks " + reason);
    assertFalse(run.err().contains("\tat "), run::err);
    assertFalse(run.out().contains("listening"), run::out);
  }

  @Test
  void anUnknownBackendExitsTwoListingTheChoices() {
    CliRun run = CliRun.of("serve", "--port", "0", "--backend", "gpu");
    assertEquals(Main.BAD_INPUT, run.exit(), run::err);
    assertTrue(run.err().contains("[auto, tensorrt, ort-cuda, ort-cpu]"), run::err);
  }
}
