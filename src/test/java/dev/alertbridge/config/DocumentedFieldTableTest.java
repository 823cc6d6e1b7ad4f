package dev.alertbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.alertbridge.config.FieldTable.Level;

/**
 * The table "Where each field may be set" of docs/configuration.md says what the parser enforces: a team that
 * follows the page never meets a "may be set on ..." error, and a field the page forbids somewhere is refused there.
 */
class DocumentedFieldTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z]+)[^|]*\\| (yes|no) \\| (yes|no) \\| (yes|no) \\|",
            Pattern.MULTILINE);

    @Test
    void theDocumentedTable_saysWhereTheParserAcceptsEachField() throws IOException {
        String page = Files.readString(Path.of("docs", "configuration.md"));
        String table = page.substring(page.indexOf("## Where each field may be set"),
                page.indexOf("\n## ", page.indexOf("## Where each field may be set") + 3));

        Map<String, Set<Level>> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            Set<Level> levels = EnumSet.noneOf(Level.class);
            for (Level level : Level.values()) {
                if (row.group(2 + level.ordinal()).equals("yes")) {
                    levels.add(level);
                }
            }
            Set<Level> before = documented.putIfAbsent(row.group(1), levels);
            assertThat(before == null || before.equals(levels))
                    .as("every row of %s says the same levels", row.group(1)).isTrue();
        }

        assertThat(documented).isEqualTo(FieldTable.rowsByField());
    }
}
