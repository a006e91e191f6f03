/**
 * Segment Anything (ViT-B) click-to-mask on exported graphs: the predictor, its embedding cache
 * and the interfaces of the two bundle layouts (model contract parts 0, A and E3).
 */
package org.segfill.engine.sam;
