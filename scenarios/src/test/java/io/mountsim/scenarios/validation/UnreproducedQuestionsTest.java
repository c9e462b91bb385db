package io.mountsim.scenarios.validation;

import io.mountsim.reports.data.UnreproducedQuestions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's list of unreproduced questions (reports' unreproduced-questions.csv) and the
 * verdicts in VALIDATION.md say the same: every finding the list names is "missed" or
 * "partly" there, and every such finding is on the list. When a regeneration turns a
 * finding reproduced, this fails until its row is deleted.
 */
class UnreproducedQuestionsTest {

    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\|.*\\| \\*\\*(\\w+)\\*\\* \\|$", Pattern.MULTILINE);

    @Test
    void theReportsListMatchesTheVerdictsInValidationMd() throws Exception {
        String md = Files.readString(Path.of("VALIDATION.md"));
        Map<String, String> verdicts = new TreeMap<>();
        Matcher m = ROW.matcher(md);
        while (m.find()) {
            verdicts.put(m.group(1), m.group(2));
        }
        assertFalse(verdicts.isEmpty(), "the findings table of VALIDATION.md");
        Set<String> listed = new TreeSet<>();
        for (UnreproducedQuestions.Question q : UnreproducedQuestions.all()) {
            for (String f : q.findings().split(",")) {
                listed.add(f.strip());
                assertTrue(Set.of("missed", "partly").contains(verdicts.get(f.strip())),
                        "finding " + f + " is listed as unreproduced for " + q.key() + " but VALIDATION.md says "
                                + verdicts.get(f.strip()) + ": delete its row from unreproduced-questions.csv");
            }
        }
        Set<String> unreproduced = new TreeSet<>();
        verdicts.forEach((f, v) -> {
            if (!v.equals("reproduced")) {
                unreproduced.add(f);
            }
        });
        assertEquals(unreproduced, listed, "every finding VALIDATION.md marks missed or partly has a row");
    }
}
