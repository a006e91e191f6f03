/** Operating-system facilities the JDK lacks, checked and safe to call from any thread. */
package org.segfill.os;
