/** JavaCPP bindings of the few POSIX calls the JDK does not offer. Use {@link org.segfill.os}. */
package org.segfill.os.binding;
