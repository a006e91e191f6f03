package org.segfill.devices;

import java.util.List;

/**
 * The kernel library this process loaded.
 *
 * @param version the library's own version
 * @param path where it was loaded from
 * @param cpuThreads OpenMP threads of the CPU twin
 * @param cubins GPU architectures with machine code, e.g. ["sm_80", "sm_86"]
 * @param ptx virtual architectures shipped as PTX, e.g. ["compute_90"]
 */
public record KernelLibraryReport(
    String version, String path, int cpuThreads, List<String> cubins, List<String> ptx) {}
