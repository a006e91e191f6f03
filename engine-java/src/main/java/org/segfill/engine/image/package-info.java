/** Images in memory: decoded 8-bit RGB pixels, their decoding, encoding and limits. */
package org.segfill.engine.image;
