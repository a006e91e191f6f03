/**
 * The engines as the server runs them: loading and warm-up, readiness, the segmentation lane,
 * and SAM or GrabCut behind one interface.
 */
package org.segfill.server.engine;
