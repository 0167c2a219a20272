/**
 * The research allocators behind {@link io.heaplab.alloc.Allocators}: each class states its algorithm, its block
 * and metadata layout and its invariants at the top. All keep their bookkeeping outside the Java heap's garbage
 * path (fields, primitive arrays, or the heap segment itself) so that allocate, deallocate and reallocate allocate
 * nothing on the Java heap.
 */
package io.heaplab.alloc.impl;
