package org.siameseangular.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * <b>Test-only</b> pause points: they let a test that kills or interrupts a process act at a named
 * moment, whatever the machine's speed, instead of guessing with a timer. Off (one boolean read per
 * point) unless the environment variable {@value #VARIABLE} is set; nothing in the product sets it,
 * and a user has no reason to.
 *
 * <p>The variable holds a comma-separated list of point names. When the process reaches a listed
 * point it writes the line {@code [test-hook] <point> <detail>} to stderr and then waits until a
 * line arrives on stdin (or stdin ends). Meanwhile the test, which reads that stderr line, does
 * what it came for (kill -9, SIGTERM, a look at the files) and writes a line to let the process go
 * on. An unlisted point does nothing; the few points that never wait ({@link #announce}) are
 * announced whenever some point is listed. The variable is in the environment, so it reaches the
 * child JVM that {@code main} starts to filter native logs too (whose stdin and stderr are passed
 * through).
 *
 * <p>The points:
 *
 * <ul>
 *   <li>{@code train.step.E.S}: step S of epoch E (1-based) is done and its listeners called; the
 *       stop request is polled next. Detail: none.
 *   <li>{@code export.staging}: a model export has written the SavedModel into its staging
 *       directory; its metadata and report are not written yet. Detail: the staging directory.
 *   <li>{@code replace.staged}: {@link AtomicDirectory#replace} is about to move a complete, synced
 *       new version into place. Detail: the staged directory, then the target.
 *   <li>{@code replace.moved-aside}: the old version has been renamed to {@code .<name>.previous};
 *       nothing is at the target path. Detail: the target.
 *   <li>{@code replace.swapped}: the new version is at the target, the old one still at {@code
 *       .<name>.previous}. Detail: the target.
 *   <li>{@code stop.requested}: a Ctrl-C or SIGTERM has raised the stop flag. Announced, never
 *       waited at ({@link #announce}): it is reached on the JVM's shutdown-hook thread, which must
 *       not wait.
 * </ul>
 */
public final class TestHook {
  /** The environment variable that lists the points to pause at. */
  public static final String VARIABLE = "SIAMESE_ANGULAR_TEST_PAUSE";

  /** How every line the hook writes to stderr starts. */
  public static final String PREFIX = "[test-hook] ";

  private static final Set<String> POINTS = parse(System.getenv(VARIABLE));

  private TestHook() {}

  /** True when some point is listed: callers may skip building a point's name otherwise. */
  public static boolean active() {
    return !POINTS.isEmpty();
  }

  /**
   * Announces {@code point} and waits for a line on stdin, when {@code point} is listed.
   *
   * @param detail words that tell the test where (a path, say); may be empty
   */
  public static void pause(String point, String detail) {
    if (POINTS.contains(point)) {
      synchronized (TestHook.class) {
        write(point, detail);
        awaitLine(System.in);
      }
    }
  }

  /** Announces {@code point} without waiting, whenever the hook is {@link #active()}. */
  public static void announce(String point, String detail) {
    if (active()) {
      write(point, detail);
    }
  }

  static Set<String> parse(String value) {
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static void write(String point, String detail) {
    System.err.println(PREFIX + point + (detail.isEmpty() ? "" : " " + detail));
    System.err.flush();
  }

  /** Reads byte by byte up to a newline, so that nothing meant for a later pause is consumed. */
  static void awaitLine(InputStream in) {
    try {
      int b;
      do {
        b = in.read();
      } while (b != -1 && b != '\n');
    } catch (IOException e) {
      // stdin unreadable: go on, as at its end.
    }
  }
}
