/**
 * Importers of foreign recordings ({@link io.heaplab.workloads.imports.Importer}): CS:APP malloc-lab traces,
 * heaptrack raw recordings and glibc mtrace logs. Each maps the input's pointers or ids to dense heaplab ids and
 * counts what it could not map in the trace header ({@code import.*} attributes). An input from which no operation
 * can be imported (an empty file, or a file of another format) is refused rather than turned into an empty trace.
 */
package io.heaplab.workloads.imports;
