package org.segfill.devices;

/**
 * One CUDA device as the runtime reports it.
 *
 * @param index device ordinal
 * @param name marketing name, e.g. "NVIDIA H100 80GB HBM3"
 * @param computeCapability e.g. "9.0"
 * @param memoryBytes total global memory
 * @param multiprocessors streaming multiprocessor count
 */
public record GpuInfo(
    int index, String name, String computeCapability, long memoryBytes, int multiprocessors) {}
