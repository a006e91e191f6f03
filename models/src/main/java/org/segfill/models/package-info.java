/** Model bundles: layout, validation, TensorRT engine building and tiny test graphs. */
package org.segfill.models;
