package dev.scratchnet;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * The command-line spelling of the enums that name choices ({@code Activation}, {@code Initializer},
 * {@code LossKind}, {@code OptimizerKind}): lower case with {@code -} for {@code _}, as in
 * {@code leaky-relu}. Model files and checkpoints store these spellings too.
 */
public final class CliNames {
    private CliNames() {
    }

    /**
     * @param constant an enum constant
     * @return its command-line spelling, for example {@code scaled-normal} for {@code SCALED_NORMAL}
     */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a command-line spelling; case, surrounding blanks and {@code -} against {@code _} do not
     * matter.
     *
     * @param <E> the enum
     * @param type the enum's class
     * @param what what the enum names, for the message, for example {@code activation}
     * @param name the text to parse
     * @return the constant
     * @throws IllegalArgumentException naming the accepted spellings if {@code name} is none of them
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String what, String name) {
        String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        StringJoiner accepted = new StringJoiner(", ");
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(key)) {
                return constant;
            }
            accepted.add(of(constant));
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'; use one of " + accepted);
    }
}
