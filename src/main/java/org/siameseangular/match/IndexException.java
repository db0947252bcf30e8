package org.siameseangular.match;

import org.siameseangular.data.UserException;

/**
 * An index that cannot be used: a directory that holds no index or a damaged one, or an index built
 * with another model. The message says what was expected, what was found, and what to do.
 */
public class IndexException extends UserException {
  private static final long serialVersionUID = 1L;

  public IndexException(String message) {
    super(message);
  }

  public IndexException(String message, Throwable cause) {
    super(message, cause);
  }
}
