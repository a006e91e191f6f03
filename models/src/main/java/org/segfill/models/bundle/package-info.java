/** Model bundles on disk: locating their graphs, their identity, and checking their interfaces. */
package org.segfill.models.bundle;
