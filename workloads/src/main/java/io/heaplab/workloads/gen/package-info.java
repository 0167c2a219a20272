/**
 * Seeded, reproducible synthetic workloads ({@link io.heaplab.workloads.gen.Generators}): size distributions,
 * free orders and lifetimes, phases, producer-consumer, and malloc-lab's policy-separating patterns. Every generator
 * streams exactly the requested number of operations with dense ids and frees everything by the end.
 */
package io.heaplab.workloads.gen;
