package org.segfill.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One configuration from flags, environment, a JSON file and defaults, in that order. */
class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void theDefaultsBindLoopbackOnPort7070WithTheClassicEngines() {
    ServerConfig c = ConfigLoader.load(Map.of(), Map.of());
    assertEquals("127.0.0.1", c.bind());
    assertEquals(7070, c.port());
    assertNull(c.sam());
    assertNull(c.sdxl());
    assertNull(c.token());
    assertEquals("auto", c.backend());
    assertEquals(Path.of("./segfill-results"), c.results());
    assertEquals(ServerLimits.defaults(), c.limits());
    assertEquals(25L * 1024 * 1024, c.limits().maxUploadBytes());
    assertEquals(1024 * 1024, c.limits().maxJsonBytes());
    assertEquals(40_000_000L, c.limits().maxPixels());
    assertEquals(8192, c.limits().maxSide());
    assertEquals(64, c.limits().maxPoints());
    assertEquals(600, c.limits().jobRetentionSeconds());
  }

  @Test
  void flagsBeatTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefaults() throws IOException {
    Path file = Files.writeString(dir.resolve("segfill.json"), "{\"port\": 9000,"
        + " \"queueLength\": 3, \"maxPoints\": 10, \"allowHosts\": [\"edit.example\"],"
        + " \"cacheBytes\": 123456}");
    Map<String, String> env = Map.of("SEGFILL_CONFIG", file.toString(), "SEGFILL_PORT", "9001",
        "SEGFILL_QUEUE_LENGTH", "4");
    ServerConfig c = ConfigLoader.load(Map.of(Setting.PORT, "9002"), env);
    assertEquals(9002, c.port(), "flag");
    assertEquals(4, c.limits().queueLength(), "environment");
    assertEquals(10, c.limits().maxPoints(), "file");
    assertEquals(123456, c.limits().cacheBytes(), "file");
    assertEquals(List.of("edit.example"), c.allowedHosts());
    assertEquals(1, c.limits().concurrentJobs(), "default");
  }

  @Test
  void aBadValueIsRefusedNamingItsSourceKeyAndRange() {
    IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(Map.of(Setting.PORT, "70000"), Map.of()));
    assertTrue(flag.getMessage().startsWith("--port: port must be in [0, 65535]"),
        flag::getMessage);
    IllegalArgumentException env = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(Map.of(), Map.of("SEGFILL_MAX_POINTS", "65")));
    assertTrue(env.getMessage().startsWith("SEGFILL_MAX_POINTS: maxPoints must be in [1, 64]"),
        env::getMessage);
    IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(Map.of(Setting.QUEUE_LENGTH, "lots"), Map.of()));
    assertTrue(word.getMessage().contains("queueLength must be a whole number"),
        word::getMessage);
  }

  @Test
  void anUnknownKeyInTheFileIsRefusedListingTheKnownOnes() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.json"), "{\"prot\": 1}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(Map.of(Setting.CONFIG, file.toString()), Map.of()));
    assertTrue(e.getMessage().contains("unknown key 'prot'"), e::getMessage);
    assertTrue(e.getMessage().contains("port"), e::getMessage);
  }

  @Test
  void bindingBeyondLoopbackWithoutATokenRefusesToStartSayingWhy() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(Map.of(Setting.BIND, "0.0.0.0"), Map.of()));
    assertTrue(e.getMessage().contains("token is required to bind 0.0.0.0"), e::getMessage);
    assertTrue(e.getMessage().contains("--token"), e::getMessage);
    ServerConfig withToken = ConfigLoader.load(Map.of(Setting.BIND, "0.0.0.0"),
        Map.of("SEGFILL_TOKEN", "a-long-enough-token-1234"));
    assertEquals("0.0.0.0", withToken.bind());
  }

  @Test
  void aShortTokenIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(Map.of(Setting.TOKEN, "short"), Map.of()));
    assertTrue(e.getMessage().contains("token must be at least 16 characters"), e::getMessage);
  }

  @Test
  void everySettingHasADistinctFlagKeyAndEnvironmentVariable() {
    assertEquals(Setting.values().length, java.util.Arrays.stream(Setting.values())
        .map(Setting::flag).distinct().count());
    assertEquals(Setting.values().length, java.util.Arrays.stream(Setting.values())
        .map(Setting::key).distinct().count());
    assertEquals("SEGFILL_MAX_UPLOAD_BYTES", Setting.MAX_UPLOAD_BYTES.env());
  }
}
