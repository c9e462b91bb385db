package io.mountsim.scenarios.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Collects every problem of an input so one run reports all of them. Identical problems
 * (the same base value checked once per sweep point) are kept once, in first-seen order.
 */
public final class Problems {
    private final LinkedHashSet<Problem> problems = new LinkedHashSet<>();

    public void add(Location location, String keyPath, String message) {
        problems.add(new Problem(location, keyPath, message));
    }

    public void add(Problem problem) {
        problems.add(problem);
    }

    public void addAll(List<Problem> more) {
        problems.addAll(more);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
    }

    /** Every problem, each file's in line order (files in the order they were first seen). */
    public List<Problem> list() {
        List<String> sources = new ArrayList<>();
        for (Problem p : problems) {
            if (!sources.contains(p.location().source())) {
                sources.add(p.location().source());
            }
        }
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt((Problem p) -> sources.indexOf(p.location().source()))
                .thenComparingInt(p -> p.location().line()));
        return List.copyOf(sorted);
    }

    /** Throws {@link InvalidInputException} with every problem collected, if any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(list());
        }
    }
}
