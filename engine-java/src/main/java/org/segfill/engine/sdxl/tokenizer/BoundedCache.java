package org.segfill.engine.sdxl.tokenizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its least recently used entry beyond a fixed size, so a server that
 * tokenizes arbitrary prompts for months keeps a bounded memory. Thread-safe; values are shared,
 * so callers must not change them.
 */
final class BoundedCache<K, V> {

  private final LinkedHashMap<K, V> entries;

  BoundedCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries: must be >= 1, got " + maxEntries);
    }
    // Access order: the eldest entry is the least recently used one.
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
      }
    };
  }

  synchronized V get(K key) {
    return entries.get(key);
  }

  synchronized void put(K key, V value) {
    entries.put(key, value);
  }

  synchronized int size() {
    return entries.size();
  }
}
