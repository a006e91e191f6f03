/** Prometheus metrics in the text exposition format, one registry per server. */
package org.segfill.server.metrics;
