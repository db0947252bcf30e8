package org.siameseangular.model;

import org.siameseangular.data.UserException;

/** A model cannot be loaded, read or written; the message says which file and what was expected. */
public final class ModelException extends UserException {
  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
