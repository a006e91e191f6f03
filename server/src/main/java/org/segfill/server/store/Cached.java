package org.segfill.server.store;

/** A value the {@link ContentCache} holds, charged at its size in bytes. */
public interface Cached {

  /** Bytes this value keeps alive, for the cache's budget. */
  long bytes();
}
