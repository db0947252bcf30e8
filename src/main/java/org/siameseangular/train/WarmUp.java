package org.siameseangular.train;

import org.siameseangular.graph.KerasInitializers;

/**
 * What the first training session of a JVM waits for, done ahead on a daemon thread: loading
 * TensorFlow's native library (about 1.5 s) and a first build of the training graph and session,
 * thrown away (the classes and code paths it warms cut the real build from about 1 s to 0.3 s). A
 * caller with other work first (generating or reading the data) starts it before that work, so both
 * run at once where a core is free, and {@link #await awaits} it before training or before giving
 * up, so that the JVM never exits while the thread is inside native code.
 *
 * <p>Nothing it does changes a later session: the graph has no random ops (the weights come from
 * Java), and the gradient registration happens once per JVM either way. A failure is ignored here:
 * the real session, built next, fails with the same cause and reports it.
 */
public final class WarmUp {
  private final Thread thread;

  private WarmUp(Thread thread) {
    this.thread = thread;
  }

  /** Starts warming up for sessions of {@code config}. */
  public static WarmUp start(TrainConfig config) {
    Thread thread =
        new Thread(
            () -> {
              try (TrainingSession s =
                  new TrainingSession(
                      config,
                      KerasInitializers.model(config.spec(), config.seed()),
                      OptimizerState.fresh(),
                      0)) {
                // Built, initialised and closed: nothing to run.
              } catch (RuntimeException | LinkageError e) {
                // Reported by the real session.
              }
            },
            "tensorflow-warm-up");
    thread.setDaemon(true);
    thread.start();
    return new WarmUp(thread);
  }

  /** Waits until the warm-up has finished (an interrupt is kept for the caller to see). */
  public void await() {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
