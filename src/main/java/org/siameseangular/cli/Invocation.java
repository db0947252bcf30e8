package org.siameseangular.cli;

import java.util.regex.Pattern;

/** How the user started this program, so that a hint can print a command they can paste. */
final class Invocation {
  /**
   * Set by the parent JVM for the child it relaunches (see {@link NativeLogs}): the child runs with
   * {@code -cp}, but the user typed the parent's command.
   */
  static final String LAUNCHER_VARIABLE = "SIAMESE_ANGULAR_LAUNCHER";

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

  private Invocation() {}

  /**
   * The command that starts this program as the user started it, without its arguments: {@code java
   * -jar target/siamese-angular.jar}, or {@code java -cp CLASSPATH org.siameseangular.cli.Main}.
   */
  static String launcher() {
    String inherited = System.getenv(LAUNCHER_VARIABLE);
    if (inherited != null && !inherited.isBlank()) {
      return inherited;
    }
    return launcher(
        System.getProperty("sun.java.command", ""),
        System.getProperty("java.class.path", ""),
        Main.class.getName());
  }

  /**
   * @param javaCommand the {@code sun.java.command} property: the jar or main class, then the
   *     arguments
   * @param classPath the {@code java.class.path} property: with {@code -jar}, the jar as typed
   */
  static String launcher(String javaCommand, String classPath, String mainClass) {
    boolean jar =
        classPath.endsWith(".jar")
            && !classPath.contains(java.io.File.pathSeparator)
            && javaCommand.startsWith(classPath);
    return jar ? "java -jar " + quote(classPath) : "java -cp " + quote(classPath) + " " + mainClass;
  }

  /** {@code s} as one POSIX shell word: as is when it is plain, else in single quotes. */
  static String quote(String s) {
    if (!s.isEmpty() && PLAIN.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
