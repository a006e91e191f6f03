/**
 * The edit entry point shared by the API and the CLI: picks SDXL or the classic engine for a
 * target, and runs removal as a classic fill refined by SDXL.
 */
package org.segfill.engine.edit;
