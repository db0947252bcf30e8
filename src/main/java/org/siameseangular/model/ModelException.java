package org.siameseangular.model;

import org.siameseangular.data.PublicApi;
import org.siameseangular.data.UserException;

/** A model cannot be loaded, read or written; the message says which file and what was expected. */
@PublicApi
public final class ModelException extends UserException {
  /** An error whose message says what was wrong, where, and what was expected. */
  public ModelException(String message) {
    super(message);
  }

  /** The same, with the exception that caused it. */
  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
