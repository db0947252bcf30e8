package org.siameseangular.report;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer and parser for metrics and metadata files.
 *
 * <p>{@link #write} accepts null, {@link Boolean}, {@link Number} (NaN and infinities become
 * {@code null}), {@link CharSequence}, {@link Character}, enums (by name), {@link Map} (keys by
 * {@code String.valueOf}, insertion order kept), {@link Collection} and arrays, nested freely.
 * {@link #parse} returns {@link LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Double},
 * {@link Boolean} or null.
 */
public final class Json {

  private static final int MAX_DEPTH = 512;

  private Json() {}

  /** The value as pretty-printed JSON (two-space indent, no trailing newline). */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "  ", 0);
    return out.toString();
  }

  /** The value as JSON on one line, without insignificant whitespace. */
  public static String writeCompact(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, null, 0);
    return out.toString();
  }

  /**
   * Parses one JSON value, which may be surrounded by whitespace.
   *
   * @throws IllegalArgumentException on malformed input, naming the character offset
   */
  public static Object parse(String text) {
    return new Parser(text).parseDocument();
  }

  private static void write(Object value, StringBuilder out, String indent, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("JSON nesting deeper than " + MAX_DEPTH);
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Number number) {
      writeNumber(number, out);
    } else if (value instanceof CharSequence || value instanceof Character) {
      writeString(value.toString(), out);
    } else if (value instanceof Enum<?> e) {
      writeString(e.name(), out);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      int i = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        separate(out, indent, depth + 1, i++ > 0);
        writeString(String.valueOf(entry.getKey()), out);
        out.append(indent == null ? ":" : ": ");
        write(entry.getValue(), out, indent, depth + 1);
      }
      close(out, indent, depth, i > 0, '}');
    } else if (value instanceof Collection<?> || value.getClass().isArray()) {
      List<Object> items = asList(value);
      out.append('[');
      for (int i = 0; i < items.size(); i++) {
        separate(out, indent, depth + 1, i > 0);
        write(items.get(i), out, indent, depth + 1);
      }
      close(out, indent, depth, !items.isEmpty(), ']');
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
    }
  }

  private static List<Object> asList(Object value) {
    if (value instanceof Collection<?> collection) {
      return new ArrayList<>(collection);
    }
    int length = Array.getLength(value);
    List<Object> items = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      items.add(Array.get(value, i));
    }
    return items;
  }

  private static void separate(StringBuilder out, String indent, int depth, boolean comma) {
    if (comma) {
      out.append(',');
    }
    if (indent != null) {
      out.append('\n').append(indent.repeat(depth));
    }
  }

  private static void close(StringBuilder out, String indent, int depth, boolean any, char c) {
    if (any && indent != null) {
      out.append('\n').append(indent.repeat(depth));
    }
    out.append(c);
  }

  private static void writeNumber(Number number, StringBuilder out) {
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      out.append(Double.isFinite(d) ? number.toString() : "null");
    } else if (number instanceof BigDecimal decimal) {
      out.append(decimal.toString());
    } else if (number instanceof Integer
        || number instanceof Long
        || number instanceof Short
        || number instanceof Byte
        || number instanceof BigInteger) {
      out.append(number);
    } else {
      double d = number.doubleValue();
      out.append(Double.isFinite(d) ? Double.toString(d) : "null");
    }
  }

  /** Escapes quote, backslash, control characters, lone surrogates and U+2028/U+2029. */
  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          boolean pairedHigh =
              Character.isHighSurrogate(c)
                  && i + 1 < s.length()
                  && Character.isLowSurrogate(s.charAt(i + 1));
          if (pairedHigh) {
            out.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Recursive-descent parser over RFC 8259 JSON. */
  private static final class Parser {
    private final String text;
    private int pos;
    private int depth;

    Parser(String text) {
      if (text == null) {
        throw new IllegalArgumentException("JSON text is null");
      }
      this.text = text;
    }

    Object parseDocument() {
      Object value = parseValue();
      skipWhitespace();
      if (pos < text.length()) {
        throw error("unexpected " + describe(pos) + " after the JSON value");
      }
      return value;
    }

    private Object parseValue() {
      skipWhitespace();
      if (pos >= text.length()) {
        throw error("unexpected end of input, expected a value");
      }
      char c = text.charAt(pos);
      return switch (c) {
        case '{' -> parseObject();
        case '[' -> parseArray();
        case '"' -> parseString();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield parseNumber();
          }
          throw error("unexpected " + describe(pos) + ", expected a value");
        }
      };
    }

    private Map<String, Object> parseObject() {
      enter();
      pos++; // '{'
      Map<String, Object> map = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        depth--;
        return map;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error("expected '\"' to start an object key but found " + describe(pos));
        }
        String key = parseString();
        skipWhitespace();
        expect(':');
        map.put(key, parseValue());
        skipWhitespace();
        if (peek() == ',') {
          pos++;
        } else if (peek() == '}') {
          pos++;
          depth--;
          return map;
        } else {
          throw error("expected ',' or '}' in object but found " + describe(pos));
        }
      }
    }

    private List<Object> parseArray() {
      enter();
      pos++; // '['
      List<Object> list = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        depth--;
        return list;
      }
      while (true) {
        list.add(parseValue());
        skipWhitespace();
        if (peek() == ',') {
          pos++;
        } else if (peek() == ']') {
          pos++;
          depth--;
          return list;
        } else {
          throw error("expected ',' or ']' in array but found " + describe(pos));
        }
      }
    }

    private String parseString() {
      int start = pos;
      pos++; // opening quote
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          pos = start;
          throw error("unterminated string");
        }
        char c = text.charAt(pos);
        if (c == '"') {
          pos++;
          return out.toString();
        } else if (c == '\\') {
          out.append(parseEscape());
        } else if (c < 0x20) {
          throw error("unescaped control character " + describe(pos) + " in string");
        } else {
          out.append(c);
          pos++;
        }
      }
    }

    private char parseEscape() {
      pos++; // backslash
      if (pos >= text.length()) {
        throw error("unexpected end of input in escape sequence");
      }
      char c = text.charAt(pos++);
      return switch (c) {
        case '"' -> '"';
        case '\\' -> '\\';
        case '/' -> '/';
        case 'b' -> '\b';
        case 'f' -> '\f';
        case 'n' -> '\n';
        case 'r' -> '\r';
        case 't' -> '\t';
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("incomplete \\u escape");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos), 16);
            if (digit < 0) {
              throw error("invalid hex digit " + describe(pos) + " in \\u escape");
            }
            code = code * 16 + digit;
            pos++;
          }
          yield (char) code;
        }
        default -> {
          pos--;
          throw error("invalid escape " + describe(pos));
        }
      };
    }

    /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private Double parseNumber() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else {
        digits("a digit");
      }
      if (peek() == '.') {
        pos++;
        digits("a digit after the decimal point");
      }
      if (peek() == 'e' || peek() == 'E') {
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        digits("a digit in the exponent");
      }
      return Double.parseDouble(text.substring(start, pos));
    }

    private void digits(String what) {
      if (peek() < '0' || peek() > '9') {
        throw error("expected " + what + " but found " + describe(pos));
      }
      while (peek() >= '0' && peek() <= '9') {
        pos++;
      }
    }

    private Object literal(String word, Object value) {
      if (!text.startsWith(word, pos)) {
        throw error("unexpected " + describe(pos) + ", expected a value");
      }
      pos += word.length();
      return value;
    }

    private void enter() {
      if (++depth > MAX_DEPTH) {
        throw error("nesting deeper than " + MAX_DEPTH);
      }
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "' but found " + describe(pos));
      }
      pos++;
    }

    /** The current character, or NUL at the end of input. */
    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    private String describe(int at) {
      if (at >= text.length()) {
        return "end of input";
      }
      char c = text.charAt(at);
      return c < 0x20 || c > 0x7e ? String.format("character U+%04X", (int) c) : "'" + c + "'";
    }

    private IllegalArgumentException error(String message) {
      return new IllegalArgumentException(
          "malformed JSON at character offset " + pos + ": " + message);
    }
  }
}
