/**
 * Labelled string pairs: the {@link org.siameseangular.data.Pair} record, CSV/TSV pair files read
 * with {@code file:line} errors and written atomically, the embedded English-word dataset with its
 * typo kinds, and the hand-written hard-variations set. Depends on nothing else in the project.
 */
package org.siameseangular.data;
