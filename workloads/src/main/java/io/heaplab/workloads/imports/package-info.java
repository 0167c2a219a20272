/**
 * Importers of foreign recordings ({@link io.heaplab.workloads.imports.Importer}): CS:APP malloc-lab traces,
 * heaptrack raw recordings and glibc mtrace logs. Each maps the input's pointers or ids to dense heaplab ids and
 * counts what it could not map in the trace header ({@code import.*} attributes).
 */
package io.heaplab.workloads.imports;
