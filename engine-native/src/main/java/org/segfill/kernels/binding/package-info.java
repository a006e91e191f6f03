/**
 * JavaCPP bindings of the kernel library's C ABI ({@code kernels/include/segfill/*.h}), one class
 * per header. They validate nothing: use the checked API in {@link org.segfill.kernels}.
 */
package org.segfill.kernels.binding;
