/**
 * The server load benchmark: closed-loop HTTP clients clicking while generation jobs run,
 * against a given URL or a server started in-process on the given (or tiny) bundles.
 */
package org.segfill.bench.load;
