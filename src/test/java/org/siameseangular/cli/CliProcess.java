package org.siameseangular.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.siameseangular.io.TestHook;

/**
 * Test support: the command line in a separate JVM on the test class path, driven through the
 * test-only pause points of {@link TestHook}. A test waits for what the process announces on stderr
 * (never for a time), acts (kill -9, a signal, a look at the files) and lets it go on. Every wait
 * has a timeout, so a hang becomes a failure that shows what the process printed.
 */
public final class CliProcess implements AutoCloseable {
  /**
   * The longest one wait lasts. Far above what any step of these tests takes on a slow machine: it
   * only turns a hang into a failure with a message.
   */
  public static final Duration WAIT = Duration.ofMinutes(5);

  /** The stderr reader's last entry: the process closed its stderr. */
  private static final String END = "\u0000end of stderr";

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuffer stderr = new StringBuffer();
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final Thread stderrReader;
  private final Thread stdoutReader;

  private CliProcess(Process process) {
    this.process = process;
    stderrReader = new Thread(this::readStderr, "cli-process-stderr");
    stdoutReader = new Thread(() -> copy(process.getInputStream(), stdout), "cli-process-stdout");
    stderrReader.setDaemon(true);
    stdoutReader.setDaemon(true);
    stderrReader.start();
    stdoutReader.start();
  }

  /** A command line to start: {@code args} are the command and its options. */
  public static Builder command(String... args) {
    return new Builder(List.of(args));
  }

  /** A command line to start: {@code args} are the command and its options. */
  public static Builder command(List<String> args) {
    return new Builder(args);
  }

  /** How to start the process. */
  public static final class Builder {
    private final List<String> args;
    private final List<String> pausePoints = new ArrayList<>();
    private boolean nativeLogFilter;
    private Path stdin;
    private final Map<String, String> environment = new LinkedHashMap<>();

    private Builder(List<String> args) {
      this.args = List.copyOf(args);
    }

    /** The process pauses at these {@link TestHook} points (and announces them). */
    public Builder pauseAt(String... points) {
      pausePoints.addAll(List.of(points));
      return this;
    }

    /**
     * Leave {@code TF_CPP_MIN_LOG_LEVEL} unset, so that {@code main} relaunches the command in a
     * child JVM behind its native-log filter. Otherwise it is set (2) and the command runs in the
     * process started.
     */
    public Builder throughNativeLogFilter() {
      nativeLogFilter = true;
      return this;
    }

    /** stdin from a file, whole from the start (instead of a pipe the test writes to). */
    public Builder stdinFrom(Path file) {
      stdin = file;
      return this;
    }

    /** An environment variable for the process (applied last). */
    public Builder env(String name, String value) {
      environment.put(name, value);
      return this;
    }

    public CliProcess start() throws IOException {
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName()));
      command.addAll(args);
      var builder = new ProcessBuilder(command);
      if (nativeLogFilter) {
        builder.environment().remove(NativeLogs.LEVEL_VARIABLE);
      } else {
        builder.environment().put(NativeLogs.LEVEL_VARIABLE, "2");
      }
      builder.environment().remove(TestHook.VARIABLE);
      if (!pausePoints.isEmpty()) {
        builder.environment().put(TestHook.VARIABLE, String.join(",", pausePoints));
      }
      builder.environment().putAll(environment);
      if (stdin != null) {
        builder.redirectInput(stdin.toFile());
      }
      return new CliProcess(builder.start());
    }
  }

  /**
   * Waits until the process announces {@code point} on stderr (it then waits itself, if it was told
   * to pause there); returns the point's detail. Fails, with what the process printed, when it ends
   * first or nothing comes within {@link #WAIT}.
   */
  public String await(String point) throws InterruptedException {
    String prefix = TestHook.PREFIX + point;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        fail("no \"%s\" within %s; stderr so far:%n%s", point, WAIT, stderr);
      }
      if (line == END) {
        fail(
            "the process ended (exit %s) before \"%s\"; stderr:%n%s",
            exitCodeOrAlive(), point, stderr);
      }
      if (line.equals(prefix) || line.startsWith(prefix + " ")) {
        return line.substring(prefix.length()).strip();
      }
    }
  }

  /** Lets the process go on from the pause it is in. */
  public void proceed() throws IOException {
    process.getOutputStream().write('\n');
    process.getOutputStream().flush();
  }

  /** Ends the process's stdin (a pipe). */
  public void closeStdin() throws IOException {
    process.getOutputStream().close();
  }

  /** SIGKILL, then waits for the process to be gone. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    awaitExit();
  }

  /**
   * SIGTERM (to this process only, not to a child it started). Through the process handle: {@code
   * Process.destroy()} would also close the pipes and lose what the process still prints.
   */
  public void sigterm() {
    process.toHandle().destroy();
  }

  /**
   * Sends signal {@code name} ({@code INT}, say) with {@code kill}: Java has no call for signals
   * other than TERM and KILL.
   */
  public void signal(String name) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
            .redirectErrorStream(true)
            .start();
    if (!kill.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
      kill.destroyForcibly();
      fail("kill -%s did not return within %s", name, WAIT);
    }
    if (kill.exitValue() != 0) {
      fail(
          "kill -%s %d failed: %s",
          name,
          process.pid(),
          new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /**
   * True when the process ignores signal {@code number} (inherited from whoever started the build:
   * a JVM cannot catch a signal that was ignored when it started), read from /proc.
   */
  public boolean ignoresSignal(int number) throws IOException {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
        return (mask & (1L << (number - 1))) != 0;
      }
    }
    return false;
  }

  /** Waits for the process to end (at most {@link #WAIT}) and returns its exit code. */
  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      fail("the process did not end within %s; stderr so far:%n%s", WAIT, stderr);
    }
    stdoutReader.join(WAIT.toMillis());
    stderrReader.join(WAIT.toMillis());
    return process.exitValue();
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  /** Everything the process wrote to stderr so far. */
  public String stderr() {
    return stderr.toString();
  }

  /** Everything the process wrote to stdout; complete after {@link #awaitExit}. */
  public String stdout() {
    synchronized (stdout) {
      return stdout.toString(StandardCharsets.UTF_8);
    }
  }

  /** Kills the process and any child it started, if still running. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private String exitCodeOrAlive() {
    return process.isAlive() ? "not yet" : Integer.toString(process.exitValue());
  }

  private void readStderr() {
    try (var in =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        stderr.append(line).append('\n');
        lines.add(line);
      }
    } catch (IOException e) {
      stderr.append("(reading stderr failed: ").append(e).append(")\n");
    } finally {
      lines.add(END);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        synchronized (out) {
          out.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
