package org.siameseangular.match;

import org.siameseangular.data.PublicApi;
import org.siameseangular.data.UserException;

/**
 * An index that cannot be used: a directory that holds no index or a damaged one, or an index built
 * with another model. The message says what was expected, what was found, and what to do.
 */
@PublicApi
public class IndexException extends UserException {
  private static final long serialVersionUID = 1L;

  /** An error whose message says what was wrong, where, and what was expected. */
  public IndexException(String message) {
    super(message);
  }

  /** The same, with the exception that caused it. */
  public IndexException(String message, Throwable cause) {
    super(message, cause);
  }
}
