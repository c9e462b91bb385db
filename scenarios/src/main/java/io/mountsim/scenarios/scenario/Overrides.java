package io.mountsim.scenarios.scenario;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the command line changes in a scenario: {@code --set KEY=VALUE} (applied to the
 * YAML tree before validation), {@code --seed}, {@code --replications}.
 */
public record Overrides(List<String> sets, OptionalLong seed, OptionalInt replications) {
    public Overrides {
        sets = List.copyOf(sets);
    }

    public static Overrides none() {
        return new Overrides(List.of(), OptionalLong.empty(), OptionalInt.empty());
    }
}
