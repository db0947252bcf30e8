package org.siameseangular.spark;

import picocli.CommandLine.Option;

/** The options every Spark job takes: table format, multi-line CSV, and the master URL. */
final class JobOptions {
  @Option(
      names = "--format",
      defaultValue = "csv",
      paramLabel = "csv|parquet",
      description = "Format of the inputs and the output (default: ${DEFAULT-VALUE}).")
  Jobs.Format format;

  @Option(
      names = "--multiline",
      description =
          "CSV whose quoted fields hold line breaks: each file is then read by one task"
              + " (without it, files are split between tasks).")
  boolean multiLine;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master when started with java instead of spark-submit, e.g. local[2].")
  String master;

  /** The format's name as users write it. */
  String formatName() {
    return format.name().toLowerCase(java.util.Locale.ROOT);
  }
}
