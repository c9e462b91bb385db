package io.mountsim.scenarios.schema;

/**
 * The README's table of every scenario key, generated from the key table so the two
 * cannot differ ({@code ReadmeKeyTableTest} fails when README.md's copy is stale and
 * rewrites it on request).
 */
public final class ReadmeKeyTable {
    /** The lines around the generated table in README.md. */
    public static final String BEGIN = "<!-- scenario keys: generated from ScenarioKeys by ReadmeKeyTableTest; do not edit -->";
    public static final String END = "<!-- end of scenario keys -->";

    private ReadmeKeyTable() {
    }

    /** The markdown table, one row per key in table order, ending in a newline. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| key | value | default | sweep | meaning |\n");
        sb.append("|---|---|---|---|---|\n");
        for (ScenarioKey k : ScenarioKeys.ALL) {
            sb.append("| `").append(k.path()).append("` | ")
                    .append(cell(k.values())).append(" | ")
                    .append(cell(k.defaultText())).append(" | ")
                    .append(k.sweepable() ? "yes" : "no").append(" | ")
                    .append(cell(k.doc())).append(" |\n");
        }
        return sb.toString();
    }

    /** README.md's text with the part between the markers replaced by {@link #markdown()}. */
    public static String regenerated(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("README.md lacks the lines " + BEGIN + " and " + END);
        }
        return readme.substring(0, begin + BEGIN.length()) + "\n" + markdown() + readme.substring(end);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
