/**
 * Building blocks that the library's own modules share and users do not need: the module exports
 * this package to the models module only, and it may change in any release.
 *
 * <p>{@link dev.ltv.core.internal.RowTable} numbers distinct (frequency, recency, age) rows without
 * allocating per customer. The core compresses a base to its distinct rows with it, and the models
 * score a base with it, computing P(alive) and expected purchases once per distinct row.
 */
package dev.ltv.core.internal;
