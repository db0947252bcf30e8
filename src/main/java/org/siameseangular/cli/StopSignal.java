package org.siameseangular.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.siameseangular.io.TestHook;

/**
 * Turns Ctrl-C or SIGTERM into a stop request: a shutdown hook raises the flag and holds the JVM
 * open until {@link #close()} or {@link #exit} says the work (finishing the step, writing the
 * checkpoint) is done, at most two minutes.
 *
 * <p>Once a signal has started the JVM's shutdown, {@code System.exit} from the main thread blocks
 * and the JVM would leave with the signal's status (130 or 143) or with the command's, whichever
 * thread got there first. So the hook ends the JVM itself, with the code given to {@link #exit}.
 */
final class StopSignal implements AutoCloseable {
  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook = new Thread(this::onSignal, "stop-signal");
  private volatile Integer exitCode;

  StopSignal() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  boolean requested() {
    return requested.get();
  }

  private void onSignal() {
    requested.set(true);
    TestHook.announce("stop.requested", "");
    try {
      finished.await(120, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Integer code = exitCode;
    if (code != null) {
      System.out.flush();
      System.err.flush();
      Runtime.getRuntime().halt(code);
    }
  }

  /**
   * Releases the hook like {@link #close()}, and makes {@code code} the JVM's exit status if a
   * signal has started its shutdown.
   *
   * @return {@code code}
   */
  int exit(int code) {
    exitCode = code;
    close();
    return code;
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running and has just been released.
    }
  }
}
