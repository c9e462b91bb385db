package io.mountsim.scenarios.validation;

import java.util.List;

/** How much of a finding the simulator reproduces: every check, some, or none. */
enum Verdict {
    REPRODUCED("reproduced"), PARTLY("partly"), MISSED("missed");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Verdict of(List<Check> checks) {
        long holding = checks.stream().filter(Check::holds).count();
        if (holding == checks.size()) {
            return REPRODUCED;
        }
        return holding == 0 ? MISSED : PARTLY;
    }
}
