package io.mountsim.models.locks;

import io.mountsim.core.results.TimelineSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mutual exclusion checked from the outside, on the hold spans a lock recorded in its
 * {@link LockStats} timeline: exclusive spans may overlap nothing; shared spans may
 * overlap each other only.
 */
final class HoldSpans {
    private HoldSpans() {
    }

    record Hold(long taskId, long startNs, long endNs, boolean exclusive) {
        boolean overlaps(Hold o) {
            return startNs < o.endNs && o.startNs < endNs;
        }
    }

    static List<TimelineSpan> holds(LockStats stats) {
        return stats.spans().stream().filter(s -> s.kind().held()).toList();
    }

    /** Returns a description of the first violation, or null when there is none. */
    static String firstViolation(List<Hold> holds) {
        List<Hold> sorted = new ArrayList<>(holds);
        sorted.sort(Comparator.comparingLong(Hold::startNs));
        // holds are short relative to the run: a quadratic scan over a sliding window is enough
        for (int i = 0; i < sorted.size(); i++) {
            Hold a = sorted.get(i);
            for (int j = i + 1; j < sorted.size() && sorted.get(j).startNs() < a.endNs(); j++) {
                Hold b = sorted.get(j);
                if ((a.exclusive() || b.exclusive()) && a.overlaps(b)) {
                    return a + " overlaps " + b;
                }
            }
        }
        return null;
    }
}
