package org.segfill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
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
}
