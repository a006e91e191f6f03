/**
 * Generation jobs: their state and events, the bounded queue with cancellation, and the runner
 * that writes each result before announcing it.
 */
package org.segfill.server.jobs;
