package org.segfill.devices;

/**
 * Whether TensorRT's libraries load here.
 *
 * @param available true when libnvinfer loaded
 * @param reason why not, when unavailable (null otherwise)
 * @param version the loaded library's version, e.g. "10.15.1", or null
 */
public record TensorRtReport(boolean available, String reason, String version) {}
