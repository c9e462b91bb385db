package io.mountsim.core.results;

import java.util.List;

/**
 * One swept key and the values it takes.
 *
 * @param key    the swept key's dotted path ({@code workload.containers}), or {@code scenario}
 *               for the scenarios of a comparison
 * @param values every value it takes, in sweep order, as the validated value's canonical text
 *               ({@code 100}, not {@code 1e2} or {@code "100"}): the text of results.csv's column
 */
public record SweepAxis(String key, List<String> values) {
    public SweepAxis {
        values = List.copyOf(values);
    }
}
