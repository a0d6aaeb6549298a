package dev.scratchnet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs link every equation to the code that implements it; this keeps those links from
 * rotting when files move. Checks each relative link in docs/*.md: the file must exist, and a
 * {@code #fragment} must name a heading of the target page.
 */
class DocsLinksTest {
    /** Tests run in the module folder. */
    private static final Path DOCS = Path.of("../docs");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#+ (.+)$");

    @Test
    void everyRelativeLinkInTheDocsResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> pages;
        try (Stream<Path> files = Files.list(DOCS)) {
            pages = files.filter(p -> p.toString().endsWith(".md")).toList();
        }
        assertTrue(pages.size() >= 2, "expected backprop.md and architecture.md in " + DOCS.toAbsolutePath());
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String link = m.group(1);
                if (link.matches("^[a-z]+:.*")) {
                    continue; // http(s), mailto: not checked here
                }
                String file = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
                String fragment = link.contains("#") ? link.substring(link.indexOf('#') + 1) : null;
                Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(target)) {
                    broken.add(page.getFileName() + ": " + link + " (no such file)");
                } else if (fragment != null && !anchors(target).contains(fragment)) {
                    broken.add(page.getFileName() + ": " + link + " (no such heading)");
                }
            }
        }
        assertTrue(broken.isEmpty(), "broken links:\n" + String.join("\n", broken));
    }

    /** The anchors GitHub makes from a page's headings: lower case, punctuation dropped, spaces to dashes. */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        if (!page.toString().endsWith(".md")) {
            return anchors;
        }
        Matcher m = HEADING.matcher(Files.readString(page));
        while (m.find()) {
            anchors.add(m.group(1).strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }
}
