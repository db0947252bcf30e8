package org.siameseangular.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps TensorFlow's native log lines off the user's terminal.
 *
 * <p>TensorFlow reads {@code TF_CPP_MIN_LOG_LEVEL} from the environment when its native library
 * loads, and a JVM cannot change its own environment; even at level 2, absl prints a few INFO
 * lines. So when that variable is unset, {@code main} runs the command in a child JVM with it set
 * (2), passes stdin and stdout through untouched and copies the child's stderr, dropping native
 * INFO and WARNING lines. Errors (E, F) and everything the program itself writes pass. Setting
 * {@code TF_CPP_MIN_LOG_LEVEL} yourself turns this off (then nothing is filtered).
 */
final class NativeLogs {
  static final String LEVEL_VARIABLE = "TF_CPP_MIN_LOG_LEVEL";

  /** Set for the child: whether the user's stderr is a terminal (the child's is a pipe). */
  static final String TTY_VARIABLE = "SIAMESE_ANGULAR_STDERR_TTY";

  private static final Pattern NOISE =
      Pattern.compile(
          "^(WARNING: All log messages before absl::InitializeLog\\(\\) is called are written to"
              + " STDERR|[IW]\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+\\s+\\d+ \\S+:\\d+\\]"
              + " .*|\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: [IW] .*"
              // Logged at ERROR level but harmless: oneDNN falls back to Eigen for a bool op (Keras
              // exports use some).
              + "|.*oneDNN supports DT_BOOL only on platforms with AVX-512.*)$");

  private NativeLogs() {}

  static boolean shouldRelaunch() {
    return System.getenv(LEVEL_VARIABLE) == null && !Boolean.getBoolean("siamese.noRelaunch");
  }

  /**
   * True when progress may be drawn: stderr is (or, for a child, the parent's stderr was) a
   * terminal.
   */
  static boolean stderrIsTerminal() {
    String tty = System.getenv(TTY_VARIABLE);
    return tty != null ? tty.equals("1") : System.console() != null;
  }

  /** Runs {@code args} in a child JVM with the native log level set; returns its exit code. */
  static int relaunch(Class<?> mainClass, String[] args) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
    command.addAll(jvmOptions);
    command.addAll(compilerOptions(jvmOptions, args));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    var builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.INHERIT)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put(LEVEL_VARIABLE, "2");
    builder.environment().put(TTY_VARIABLE, System.console() != null ? "1" : "0");
    builder.environment().put(Invocation.LAUNCHER_VARIABLE, Invocation.launcher());
    Process child = builder.start();
    // Ctrl-C reaches both JVMs; SIGTERM may reach only this one. This JVM stays up, forwards
    // SIGTERM, and leaves when the child has finished its own shutdown (it writes a checkpoint),
    // with the child's code. The handlers are in place before the first line of the child's stderr
    // is passed on, so whoever reads a line and then signals reaches the child.
    sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {});
    // Process.destroy() would also close the pipes and lose what the child still prints; the handle
    // only signals.
    sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> child.toHandle().destroy());
    Thread pump = new Thread(() -> filter(child.getErrorStream(), System.err), "stderr-filter");
    pump.start();
    int code = child.waitFor();
    pump.join();
    return code;
  }

  /** The commands whose child JVM compiles with C1 only ({@link #compilerOptions}). */
  static final Set<String> C1_COMMANDS = Set.of("train", "dataset");

  /**
   * JIT options for the child: {@code -XX:TieredStopAtLevel=1} (the C1 compiler only) for {@code
   * train} and {@code dataset}, unless the user chose compiler options of their own. Their Java
   * work is short-lived (generating the embedded data runs each path a few thousand times, then
   * TensorFlow's native code does the training), so C2's compilations cost more CPU than they save:
   * on 2 cores {@code dataset --set training} takes 2-4 s instead of 5-9 s and the default {@code
   * train} about 9 s of CPU less (BENCHMARKS.md). Java's floating point is strict since Java 17, so
   * compiled code of either tier computes the same numbers: the data and the model are
   * byte-identical. Long-running commands ({@code score}, {@code match}) keep C2.
   */
  static List<String> compilerOptions(List<String> jvmOptions, String[] args) {
    String command =
        java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
    boolean own =
        jvmOptions.stream()
            .anyMatch(
                o ->
                    o.contains("Tiered")
                        || o.startsWith("-Xint")
                        || o.startsWith("-Xcomp")
                        || o.startsWith("-XX:CompileThreshold"));
    return C1_COMMANDS.contains(command) && !own ? List.of("-XX:TieredStopAtLevel=1") : List.of();
  }

  /**
   * Copies {@code in} to {@code out} line by line, dropping native log noise; a '\r' flushes at
   * once.
   */
  static void filter(InputStream in, PrintStream out) {
    var line = new java.io.ByteArrayOutputStream();
    try (in) {
      int b;
      while ((b = in.read()) != -1) {
        if (b == '\r') {
          emit(line, out, "\r");
        } else if (b == '\n') {
          emit(line, out, "\n");
        } else {
          line.write(b);
        }
      }
      emit(line, out, "");
    } catch (IOException e) {
      // The child is gone; nothing more to copy.
    }
  }

  private static void emit(java.io.ByteArrayOutputStream line, OutputStream out, String end) {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (end.equals("\n") && NOISE.matcher(text).matches()) {
      return;
    }
    try {
      out.write((text + end).getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      // stderr closed: nothing to do.
    }
  }
}
