package io.mountsim.scenarios.schema;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the valid key nearest a misspelt one, by optimal-string-alignment
 * (Damerau-Levenshtein with adjacent transpositions) distance, ignoring case.
 */
public final class KeySuggester {
    private KeySuggester() {
    }

    /** The nearest candidate, when it is close enough to be what the user meant. */
    public static Optional<String> nearest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String t = typed.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(t, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        // a third of the word, at least 2 edits: "containrs" -> containers, not "kind" -> "file"
        int allowed = Math.max(2, typed.length() / 3);
        return best != null && bestDistance <= allowed && bestDistance < typed.length() ? Optional.of(best) : Optional.empty();
    }

    /** Optimal string alignment distance. */
    public static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }
}
