/** Recording real programs with heaptrack into heaplab traces ({@link io.heaplab.workloads.record.HeaptrackRecorder}). */
package io.heaplab.workloads.record;
