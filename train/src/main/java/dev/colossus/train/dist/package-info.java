/**
 * Data-parallel ranks: the {@link dev.colossus.train.dist.Communicator} seam (all-reduce, broadcast, barrier), the
 * single process that needs no library, Open MPI reached through the foreign function API, and the bucketed
 * all-reduce of gradients.
 */
package dev.colossus.train.dist;
