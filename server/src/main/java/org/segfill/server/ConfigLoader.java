package org.segfill.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link ServerConfig} from four sources, the first that sets a key winning: flags,
 * environment variables ({@code SEGFILL_*}), the JSON config file ({@code --config} or
 * {@code SEGFILL_CONFIG}; a flat object keyed as {@link Setting#key()}), then the defaults.
 * Every message names where the offending value came from.
 */
public final class ConfigLoader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Setting, String> values = new EnumMap<>(Setting.class);
  private final Map<Setting, String> sources = new EnumMap<>(Setting.class);

  private ConfigLoader() {}

  /**
   * The configuration the sources describe.
   *
   * @param flags values given as flags (absent keys were not given)
   * @param env the process environment
   * @throws IllegalArgumentException naming the source and the key of a bad value
   */
  public static ServerConfig load(Map<Setting, String> flags, Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader();
    loader.collect(flags, env);
    return loader.build();
  }

  private void collect(Map<Setting, String> flags, Map<String, String> env) {
    flags.forEach((s, v) -> put(s, v, s.flag()));
    for (Setting s : Setting.values()) {
      String v = env.get(s.env());
      if (v != null && !values.containsKey(s)) {
        put(s, v, s.env());
      }
    }
    String file = values.get(Setting.CONFIG);
    if (file != null) {
      readFile(Path.of(file));
    }
    for (Setting s : Setting.values()) {
      if (!values.containsKey(s) && s.defaultValue() != null) {
        put(s, s.defaultValue(), "the default");
      }
    }
  }

  private void put(Setting s, String value, String source) {
    values.put(s, value);
    sources.put(s, source);
  }

  private void readFile(Path file) {
    String source = "config file " + file;
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(sources.get(Setting.CONFIG) + ": cannot read " + file
          + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + ": must hold one JSON object of settings");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Setting s = byKey(e.getKey()).orElseThrow(() -> new IllegalArgumentException(source
          + ": unknown key '" + e.getKey() + "'; known keys: " + Arrays.stream(Setting.values())
              .filter(x -> x != Setting.CONFIG).map(Setting::key).toList()));
      if (s == Setting.CONFIG) {
        throw new IllegalArgumentException(source + ": 'config' cannot name another file");
      }
      if (!values.containsKey(s)) {
        put(s, text(source, s, e.getValue()), source);
      }
    }
  }

  private static String text(String source, Setting s, JsonNode node) {
    if (node.isArray() && s == Setting.ALLOW_HOSTS) {
      List<String> names = new ArrayList<>();
      node.forEach(n -> names.add(n.asText()));
      return String.join(",", names);
    }
    if (node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw new IllegalArgumentException(source + ": " + s.key() + " must be a string or a"
          + " number");
    }
    return node.asText();
  }

  private static java.util.Optional<Setting> byKey(String key) {
    return Arrays.stream(Setting.values()).filter(s -> s.key().equals(key)).findFirst();
  }

  private ServerConfig build() {
    ServerLimits limits = named(() -> new ServerLimits(
        number(Setting.MAX_UPLOAD_BYTES), number(Setting.MAX_JSON_BYTES),
        number(Setting.MAX_PIXELS), (int) number(Setting.MAX_SIDE),
        (int) number(Setting.MAX_POINTS), (int) number(Setting.QUEUE_LENGTH),
        (int) number(Setting.CONCURRENT_JOBS), (int) number(Setting.SEGMENT_THREADS),
        (int) number(Setting.SEGMENT_QUEUE_LENGTH), number(Setting.CACHE_BYTES),
        number(Setting.EMBEDDING_CACHE_BYTES), number(Setting.JOB_RETENTION_SECONDS),
        number(Setting.RESULT_RETENTION_SECONDS), (int) number(Setting.MAX_EVENT_STREAMS),
        (int) number(Setting.SHUTDOWN_GRACE_SECONDS)));
    return named(() -> new ServerConfig(values.get(Setting.BIND), (int) number(Setting.PORT),
        path(Setting.SAM), path(Setting.SDXL), values.get(Setting.BACKEND),
        path(Setting.RESULTS), blankToNull(values.get(Setting.TOKEN)), hosts(), limits));
  }

  // Record checks name the key; this adds where the value came from.
  private <T> T named(java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      for (Setting s : Setting.values()) {
        if (message.startsWith(s.key() + " ") || message.startsWith(s.key() + ":")) {
          throw new IllegalArgumentException(sources.get(s) + ": " + message, e);
        }
      }
      throw e;
    }
  }

  private long number(Setting s) {
    String text = values.get(s).trim().replace("_", "");
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(sources.get(s) + ": " + s.key()
          + " must be a whole number, got '" + values.get(s) + "'");
    }
  }

  private Path path(Setting s) {
    String v = blankToNull(values.get(s));
    return v == null ? null : Path.of(v);
  }

  private List<String> hosts() {
    String v = values.getOrDefault(Setting.ALLOW_HOSTS, "");
    return Arrays.stream(v.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v;
  }
}
