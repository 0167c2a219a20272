package io.heaplab.report;

/**
 * Where results were measured.
 *
 * @param heaplabVersion heaplab's version
 * @param jdk            the JDK's runtime version, e.g. {@code 25.0.3+9-LTS}
 * @param vm             the VM's name and vendor
 * @param os             operating system name and version
 * @param arch           CPU architecture
 * @param cpuCount       processors available to the JVM
 * @param timestamp      when the measurement started, ISO-8601 UTC
 * @implSpec Immutable.
 */
public record EnvironmentInfo(String heaplabVersion, String jdk, String vm, String os, String arch, int cpuCount,
                              String timestamp) {
}
