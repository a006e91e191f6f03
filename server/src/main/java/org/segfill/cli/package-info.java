/** The {@code segfill} command-line entry point and its subcommands. */
package org.segfill.cli;
