/**
 * What the server keeps: images and masks in a byte-bounded cache keyed by content hash, and
 * results on disk, written atomically and recovered after a restart.
 */
package org.segfill.server.store;
