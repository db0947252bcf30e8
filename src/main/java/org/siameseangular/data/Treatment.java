package org.siameseangular.data;

import java.util.SplittableRandom;

/**
 * A variation with its choices made (which transliteration scheme, which case, which separator), so
 * that exactly the same treatment can be applied to a name and to its foil.
 */
interface Treatment {

  /** How the untreated side shows x; usually its text. */
  default String left(Entity x) {
    return x.text();
  }

  /** The treated form of target, or null if the treatment does not apply to it. */
  String right(Entity target, SplittableRandom random);
}
