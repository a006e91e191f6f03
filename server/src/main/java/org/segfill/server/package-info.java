/**
 * {@code segfill serve}: the HTTP server ({@link org.segfill.server.SegfillServer}) and its one
 * configuration ({@link org.segfill.server.ServerConfig}, {@link org.segfill.server.Setting},
 * {@link org.segfill.server.ConfigLoader}).
 */
package org.segfill.server;
