/**
 * {@code segfill bench}: runs the stage suites through JMH's Java API (one forked JVM per
 * benchmark), runs the server load benchmark, and writes report.md, report.json and PNG charts.
 */
package org.segfill.bench.report;
