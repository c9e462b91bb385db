package io.mountsim.scenarios.validation;

/**
 * One testable part of a published finding, checked against simulated numbers.
 *
 * @param claim   the claim in words, with its tolerance
 * @param holds   whether the simulated numbers satisfy it
 * @param numbers the simulated numbers it was decided on, for the failure message and the table
 */
record Check(String claim, boolean holds, String numbers) {
    @Override
    public String toString() {
        return (holds ? "holds: " : "FAILS: ") + claim + " [" + numbers + "]";
    }
}
