/**
 * Built-in workloads: heaplab's recordings of real programs and its seeded generators, by name
 * ({@link io.heaplab.workloads.WorkloadCatalog}). Sub-packages: {@code gen} (generators), {@code imports}
 * (malloc-lab, heaptrack and mtrace importers), {@code record} (recording programs with heaptrack).
 * This module knows nothing of allocators.
 */
package io.heaplab.workloads;
