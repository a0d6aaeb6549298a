package dev.scratchnet.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The layout of every {@code --help}. Picocli's own wrapping breaks lines inside words (after a
 * comma, a colon or a slash, so {@code step:EVERY:FACTOR} or {@code --layers=N,N,...} was split
 * across lines); it printed defaults in a second style and showed {@code Default: []} for lists.
 * Here lines break only at spaces, and an option's default is written once, as
 * {@code (default X)} at the end of its description, only when it has one.
 *
 * <p>Picocli still lays out the synopsis, description and command list, at a width too large to
 * wrap; those lines are then wrapped here with the hanging indent picocli chose. The option and
 * parameter list is written here from the command's model.
 */
final class HelpFormat {
    static final int WIDTH = 80;
    /** Wide enough that picocli never wraps a line itself. */
    private static final int UNWRAPPED = 4000;
    /** Longest name column before the description moves to the next line. */
    private static final int MAX_NAMES = 26;
    /** The gap between a row's name column and its text: two or more spaces after a word. */
    private static final Pattern COLUMN_GAP = Pattern.compile("\\S {2,}(?=\\S)");

    private HelpFormat() {
    }

    /** Applies the layout to a command line and all its subcommands. */
    static void install(CommandLine cli) {
        cli.setUsageHelpWidth(UNWRAPPED);
        cli.getCommandSpec().usageMessage().showDefaultValues(false);
        Map<String, IHelpSectionRenderer> sections = cli.getHelpSectionMap();
        for (String key : List.of(UsageMessageSpec.SECTION_KEY_SYNOPSIS, UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                UsageMessageSpec.SECTION_KEY_HEADER, UsageMessageSpec.SECTION_KEY_FOOTER,
                UsageMessageSpec.SECTION_KEY_COMMAND_LIST)) {
            IHelpSectionRenderer picocli = sections.get(key);
            if (picocli == null) {
                continue;
            }
            if (key.equals(UsageMessageSpec.SECTION_KEY_SYNOPSIS)) {
                // The "Usage: " heading is a section of its own but shares the first line, so wrap the two together.
                sections.put(key, help -> {
                    String heading = help.synopsisHeading();
                    return rewrap(heading + picocli.render(help), heading.length()
                            + help.commandSpec().qualifiedName().length() + 1).substring(heading.length());
                });
            } else {
                sections.put(key, help -> rewrap(picocli.render(help), -1));
            }
        }
        sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> optionList(help.commandSpec()));
        sections.put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help -> "");
        for (CommandLine sub : cli.getSubcommands().values()) {
            install(sub);
        }
    }

    /**
     * Wraps each line of picocli's output. A continued line is indented to {@code indent}, or,
     * when that is negative, to where the line's text column starts (after its leading spaces and,
     * in a two-column row like a command list, after the first gap of two or more spaces).
     */
    static String rewrap(String text, int indent) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(wrapLine(line.stripTrailing(), indent >= 0 ? indent : hangingIndent(line)));
        }
        return out.toString();
    }

    private static int hangingIndent(String line) {
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') {
            lead++;
        }
        Matcher gap = COLUMN_GAP.matcher(line);
        return lead > 0 && gap.find(lead) ? gap.end() : lead;
    }

    /** Breaks one line at spaces so that no piece passes {@link #WIDTH}; a single longer word stays whole. */
    static String wrapLine(String line, int indent) {
        if (line.length() <= WIDTH) {
            return line;
        }
        String hang = " ".repeat(Math.min(indent, WIDTH / 2));
        StringBuilder out = new StringBuilder();
        StringBuilder current = new StringBuilder();
        for (String word : splitKeepingLead(line)) {
            if (current.length() == 0) {
                current.append(word);
            } else if (current.length() + 1 + word.length() > WIDTH) {
                out.append(current).append('\n');
                current = new StringBuilder(hang).append(word);
            } else {
                current.append(' ').append(word);
            }
        }
        return out.append(current).toString();
    }

    /** The words of a line; the first keeps the line's leading spaces (and any column gap) with it. */
    private static List<String> splitKeepingLead(String line) {
        List<String> words = new ArrayList<>();
        int textStart = hangingIndent(line);
        // Everything before the text column stays as one piece, so a row's first column is not re-spaced.
        int firstSpace = line.indexOf(' ', textStart);
        String head = firstSpace < 0 ? line : line.substring(0, firstSpace);
        words.add(head);
        if (firstSpace >= 0) {
            for (String w : line.substring(firstSpace + 1).split(" ")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        return words;
    }

    /** Parameters, then options sorted by name, each with its description and default. */
    static String optionList(CommandSpec spec) {
        List<String[]> rows = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                rows.add(new String[] {"      " + p.paramLabel() + (p.isMultiValue() ? "..." : ""), describe(p)});
            }
        }
        List<OptionSpec> options = new ArrayList<>(spec.options());
        options.sort(Comparator.comparing(o -> o.shortestName().replaceFirst("^-+", "").toLowerCase(Locale.ROOT)));
        for (OptionSpec o : options) {
            if (!o.hidden()) {
                rows.add(new String[] {names(o), describe(o)});
            }
        }
        int column = 0;
        for (String[] row : rows) {
            if (row[0].length() <= MAX_NAMES) {
                column = Math.max(column, row[0].length());
            }
        }
        column += 3;
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            String first = row[0].length() + 3 > column ? row[0] + "\n" + " ".repeat(column) : row[0]
                    + " ".repeat(column - row[0].length());
            out.append(wrapLine(first + row[1], column)).append('\n');
        }
        return out.toString();
    }

    /** "  -h, --help", "      --layers=N,N,...": a one-letter name gets its own column, as picocli does it. */
    private static String names(OptionSpec o) {
        List<String> shortNames = new ArrayList<>();
        List<String> longNames = new ArrayList<>();
        for (String n : o.names()) {
            (n.length() == 2 ? shortNames : longNames).add(n);
        }
        StringBuilder s = new StringBuilder("  ");
        s.append(shortNames.isEmpty() ? "    " : String.join(", ", shortNames) + (longNames.isEmpty() ? "  " : ", "));
        s.append(String.join(", ", longNames));
        if (o.typeInfo().isBoolean() || o.arity().max() == 0) {
            return s.toString();
        }
        return s.append('=').append(o.paramLabel()).toString();
    }

    private static String describe(ArgSpec arg) {
        String text = String.join(" ", arg.description());
        String defaultValue = arg.defaultValue();
        if (defaultValue != null && !defaultValue.isEmpty() && !text.contains("(default")) {
            boolean sentence = text.endsWith(".");
            text = (sentence ? text.substring(0, text.length() - 1) : text) + " (default " + defaultValue + ")"
                    + (sentence ? "." : "");
        }
        return text;
    }
}
