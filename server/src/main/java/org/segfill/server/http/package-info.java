/**
 * HTTP plumbing shared by every route: the route table, problem documents and the one
 * exception-to-status table, bounded body reading, strict JSON, multipart parsing and the
 * request guard (Host, Origin, token, shutdown).
 */
package org.segfill.server.http;
