package org.siameseangular.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Option range checks that end in a usage error (exit 2) naming the allowed range. */
final class Checks {
  private Checks() {}

  static void atLeast(CommandSpec spec, String option, long value, long min) {
    if (value < min) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + " must be >= " + min + ", found " + value);
    }
  }

  static void positive(CommandSpec spec, String option, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + " must be a finite number > 0, found " + value);
    }
  }

  static void openUnit(CommandSpec spec, String option, double value) {
    if (!(value > 0 && value < 1)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + " must be in (0, 1), found " + value);
    }
  }
}
