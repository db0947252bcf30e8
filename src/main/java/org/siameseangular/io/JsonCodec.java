package org.siameseangular.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Every JSON file the project writes or reads goes through here, with Jackson: records in, records
 * out.
 *
 * <p>One vocabulary for all of them: keys are the camelCase names of record components; a
 * non-finite number (an undefined AUC, say) is written as {@code null}, and a {@code null} read
 * into a {@code double} or {@code float} becomes NaN; longs are plain numbers. Pretty output has a
 * two-space indent, {@code "key": value} and a trailing newline; compact output is one line.
 */
public final class JsonCodec {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(nonFiniteAsNull())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());
  private static final ObjectWriter COMPACT = MAPPER.writer();

  private JsonCodec() {}

  /** The value as pretty-printed JSON, without a trailing newline. */
  public static String write(Object value) {
    return write(PRETTY, value);
  }

  /** The value as JSON on one line. */
  public static String writeCompact(Object value) {
    return write(COMPACT, value);
  }

  /**
   * Writes the value pretty-printed, with a trailing newline, atomically (see {@link AtomicFiles}).
   */
  public static void writeFile(Path file, Object value) throws IOException {
    AtomicFiles.writeString(file, write(value) + "\n");
  }

  /** As {@link #writeFile}, on one line: for large files that people do not read (checkpoints). */
  public static void writeCompactFile(Path file, Object value) throws IOException {
    AtomicFiles.writeString(file, writeCompact(value) + "\n");
  }

  /**
   * Parses {@code text} as a {@code type}.
   *
   * @throws IllegalArgumentException naming where the text is malformed (line and column) or which
   *     value does not fit (its path, e.g. {@code state.weights.kernel}) and why
   */
  public static <T> T read(String text, Class<T> type) {
    try {
      return MAPPER.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(describe(e), e);
    }
  }

  /**
   * Reads {@code file} as a {@code type}.
   *
   * @throws NoSuchFileException when it is missing
   * @throws IllegalArgumentException as {@link #read(String, Class)}, prefixed with the file
   */
  public static <T> T read(Path file, Class<T> type) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return read(text, type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e.getCause());
    }
  }

  private static String write(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Only a type Jackson cannot serialise gets here: a programming error, not bad input.
      throw new IllegalArgumentException("cannot write " + value.getClass().getName(), e);
    }
  }

  private static String describe(JsonProcessingException e) {
    String detail = firstLine(e.getOriginalMessage());
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String path =
          m.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      return path + ": " + detail;
    }
    JsonLocation at = e.getLocation();
    return at == null
        ? "malformed JSON: " + detail
        : "malformed JSON at line "
            + at.getLineNr()
            + ", column "
            + at.getColumnNr()
            + ": "
            + detail;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no detail";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  /**
   * NaN and infinities out as {@code null}; {@code null} in as NaN for primitive doubles and
   * floats.
   */
  private static SimpleModule nonFiniteAsNull() {
    var module = new SimpleModule("non-finite-as-null");
    var doubles = new FiniteOrNull<>(Double.class);
    var floats = new FiniteOrNull<>(Float.class);
    module.addSerializer(Double.class, doubles);
    module.addSerializer(Double.TYPE, doubles);
    module.addSerializer(Float.class, floats);
    module.addSerializer(Float.TYPE, floats);
    module.addDeserializer(Double.TYPE, new NullAsNan<>(Double.TYPE, Double.NaN));
    module.addDeserializer(Float.TYPE, new NullAsNan<>(Float.TYPE, Float.NaN));
    return module;
  }

  private static final class FiniteOrNull<T extends Number> extends StdSerializer<T> {
    FiniteOrNull(Class<T> type) {
      super(type);
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (!Double.isFinite(value.doubleValue())) {
        gen.writeNull();
      } else if (value instanceof Float f) {
        gen.writeNumber(f);
      } else {
        gen.writeNumber(value.doubleValue());
      }
    }
  }

  /** Jackson's own number parsing, with NaN instead of 0 for {@code null}. */
  private static final class NullAsNan<T extends Number> extends JsonDeserializer<T> {
    private final Class<T> type;
    private final T nan;

    NullAsNan(Class<T> type, T nan) {
      this.type = type;
      this.nan = nan;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return (T) NumberDeserializers.find(type, type.getName()).deserialize(p, ctxt);
    }

    @Override
    public T getNullValue(DeserializationContext ctxt) {
      return nan;
    }
  }
}
