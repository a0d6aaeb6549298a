package dev.scratchnet.app;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Just enough JSON for {@code serve}: writing maps, lists, strings, numbers and number arrays, and
 * reading one flat array of numbers (a 28×28 image posted by the page).
 */
final class Json {
    /** RFC 8259's number grammar; Double.parseDouble alone would also take "NaN", "0x1p3" and "1f". */
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private Json() {
    }

    /**
     * @param value a Map with String keys (written in its iteration order), a List, a String, a Number,
     *              a Boolean, a float[], an int[] or null
     * @return the JSON text
     */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Float f) {
            number(f, out);
        } else if (value instanceof Double d) {
            number(d, out);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof float[] values) {
            out.append('[');
            for (int i = 0; i < values.length; i++) {
                out.append(i == 0 ? "" : ",");
                number(values[i], out);
            }
            out.append(']');
        } else if (value instanceof int[] values) {
            out.append('[');
            for (int i = 0; i < values.length; i++) {
                out.append(i == 0 ? "" : ",").append(values[i]);
            }
            out.append(']');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string((String) e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    /** Float.toString is the shortest text that reads back as the same float. JSON has no NaN or ∞. */
    private static void number(float value, StringBuilder out) {
        out.append(Float.isFinite(value) ? Float.toString(value) : "null");
    }

    private static void number(double value, StringBuilder out) {
        out.append(Double.isFinite(value) ? Double.toString(value) : "null");
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Reads a flat JSON array of numbers, such as {@code [0, 12.5, 255]}.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong, for anything else
     */
    static double[] readNumberArray(String text) {
        String body = text.strip();
        if (body.length() < 2 || body.charAt(0) != '[' || body.charAt(body.length() - 1) != ']') {
            throw new IllegalArgumentException("the body is not a JSON array of numbers; send [v0, v1, …]");
        }
        String inner = body.substring(1, body.length() - 1).strip();
        if (inner.isEmpty()) {
            return new double[0];
        }
        List<String> items = List.of(inner.split(",", -1));
        double[] values = new double[items.size()];
        for (int i = 0; i < values.length; i++) {
            String item = items.get(i).strip();
            if (!NUMBER.matcher(item).matches()) {
                throw new IllegalArgumentException("item " + i + " of the array, '"
                        + (item.length() > 20 ? item.substring(0, 20) + "…" : item)
                        + "', is not a number; send a flat array of numbers");
            }
            values[i] = Double.parseDouble(item);
        }
        return values;
    }
}
