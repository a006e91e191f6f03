/** The API v1 route groups, one class each, and their request bodies. */
package org.segfill.server.api;
