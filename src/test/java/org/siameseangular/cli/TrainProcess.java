package org.siameseangular.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test support: `train` in a separate JVM on the test classpath, its output to a log file. */
public final class TrainProcess {
  private TrainProcess() {}

  public static Process start(Path log, List<String> trainArgs) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "train"));
    command.addAll(trainArgs);
    var builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    return builder.start();
  }
}
