package org.siameseangular.data;

/**
 * Something the user supplied is wrong: a file, a model, an option's value, a checkpoint. The
 * message alone says what was wrong, where and what to do, so the command line prints it without a
 * stack trace; any other exception is a bug and is printed with one.
 *
 * <p>The specific kinds extend it: {@link DataException} (a pairs or table file), {@code
 * ModelException}, {@code DivergenceException}, {@code IndexException}.
 */
@PublicApi
public class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
