package org.segfill.server.store;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Images and masks by id, least recently used first out, bounded in bytes. One budget covers
 * both kinds, because both are the same thing to memory: pixels. A value larger than the whole
 * budget is refused (the caller then answers 413). Thread-safe.
 */
public final class ContentCache {

  private final long maxBytes;
  private final LinkedHashMap<String, Cached> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;
  private long evictions;

  /** A cache of at most {@code maxBytes}. */
  public ContentCache(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be >= 1, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** The budget in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /** Whether {@code value} could be held at all. */
  public boolean fits(Cached value) {
    return value.bytes() <= maxBytes;
  }

  /** Stores {@code value} under {@code key}, evicting the least recently used as needed. */
  public synchronized void put(String key, Cached value) {
    if (!fits(value)) {
      throw new IllegalArgumentException("value of " + value.bytes() + " bytes exceeds the"
          + " cache budget of " + maxBytes + " bytes");
    }
    Cached old = entries.put(key, value);
    bytes += value.bytes() - (old == null ? 0 : old.bytes());
    Iterator<Map.Entry<String, Cached>> eldest = entries.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      Map.Entry<String, Cached> victim = eldest.next();
      if (victim.getKey().equals(key)) {
        continue;
      }
      eldest.remove();
      bytes -= victim.getValue().bytes();
      evictions++;
    }
  }

  /** The value under {@code key} if it is still held and of type {@code type}. */
  public synchronized <T extends Cached> Optional<T> get(String key, Class<T> type) {
    Cached value = entries.get(key);
    return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
  }

  /** Bytes held now. */
  public synchronized long bytes() {
    return bytes;
  }

  /** Entries held now. */
  public synchronized int size() {
    return entries.size();
  }

  /** Entries evicted since the cache was made. */
  public synchronized long evictions() {
    return evictions;
  }
}
