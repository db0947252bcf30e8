package org.siameseangular.spark;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Checks on the columns a caller names, with errors that list what the table has. */
final class Columns {
  private Columns() {}

  /** The index of string column {@code name} in {@code schema}. */
  static int stringColumn(StructType schema, String name, String role) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("no " + role + " column named");
    }
    int index = Arrays.asList(schema.fieldNames()).indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(
          "the "
              + role
              + " column \""
              + name
              + "\" does not exist; the columns are "
              + Arrays.toString(schema.fieldNames()));
    }
    StructField field = schema.fields()[index];
    if (!(field.dataType() instanceof StringType)) {
      throw new IllegalArgumentException(
          "the "
              + role
              + " column \""
              + name
              + "\" is "
              + field.dataType().simpleString()
              + ", expected string");
    }
    return index;
  }

  /** Refuses to add {@code name} to a table that has it. */
  static void absent(StructType schema, String name) {
    if (Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(
          "the table already has a column \""
              + name
              + "\"; drop or rename it first (the result adds one)");
    }
  }

  /** Column {@code name} of {@code df}, taken literally (dots and backticks are not syntax). */
  static Column of(Dataset<Row> df, String name) {
    return df.col("`" + name.replace("`", "``") + "`");
  }
}
