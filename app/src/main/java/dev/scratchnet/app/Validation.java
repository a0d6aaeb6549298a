package dev.scratchnet.app;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks flag values after parsing and reports every problem at once, each with the allowed
 * range, as a usage error (exit 2). Picocli already rejects values of the wrong type
 * ({@code --epochs abc}); this catches values of the right type that make no sense.
 */
final class Validation {
    private final List<String> problems = new ArrayList<>();

    private Validation() {
    }

    /** Runs the rules and throws one usage error listing all that failed. */
    static void check(CommandSpec spec, Consumer<Validation> rules) {
        Validation v = new Validation();
        rules.accept(v);
        if (!v.problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("; ", v.problems));
        }
    }

    /** An integer with a lower bound only. */
    Validation atLeast(String flag, long value, long min) {
        if (value < min) {
            problems.add(flag + " must be at least " + min + ", got " + value);
        }
        return this;
    }

    /** An integer in [min, max]. */
    Validation between(String flag, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(flag + " must be between " + min + " and " + max + ", got " + value);
        }
        return this;
    }

    /** A finite number above zero (learning rates, decay factors). */
    Validation positive(String flag, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            problems.add(flag + " must be a number above 0, got " + format(value));
        }
        return this;
    }

    /** A number in [min, max) or [min, max] (probabilities, momentum). */
    Validation inRange(String flag, double value, double min, double max, boolean maxIncluded) {
        boolean ok = value >= min && (maxIncluded ? value <= max : value < max);
        if (!ok) {
            problems.add(flag + " must be from " + format(min) + (maxIncluded ? " to " : " up to (not including) ")
                    + format(max) + ", got " + format(value));
        }
        return this;
    }

    /** Any other rule; {@code message} says what is wrong and what to do. */
    Validation require(boolean ok, String message) {
        if (!ok) {
            problems.add(message);
        }
        return this;
    }

    /** As the user typed it: whole numbers without ".0", and a float flag's value without widening noise. */
    static String format(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        if ((float) value == value) {
            // A float widened to double shows its binary error (-0.1f is -0.10000000149011612);
            // the float's own shortest decimal is what was typed.
            return new BigDecimal(Float.toString((float) value)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%s", value);
    }
}
