package org.siameseangular.match;

import org.siameseangular.data.PublicApi;

/**
 * One candidate found for a query.
 *
 * @param candidate the candidate's position in the list the index was built from, from 0
 * @param text the candidate string
 * @param distance the angular distance between query and candidate, in [0, 1], as {@link
 *     AngularDistance} computes it
 */
@PublicApi
public record Match(int candidate, String text, float distance) {}
