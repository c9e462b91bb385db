package io.mountsim.scenarios.run;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --shard I/N}: this process runs the points whose index modulo N is I. A batch
 * system's array index (Kubernetes JOB_COMPLETION_INDEX, Slurm SLURM_ARRAY_TASK_ID) is I.
 */
public record Shard(int index, int count) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": expected 0 <= I < N");
        }
    }

    public static Shard all() {
        return new Shard(0, 1);
    }

    /** Parses "I/N"; empty when malformed or out of range. */
    public static Optional<Shard> parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        int i = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        return n >= 1 && i < n ? Optional.of(new Shard(i, n)) : Optional.empty();
    }

    public boolean includes(int pointIndex) {
        return pointIndex % count == index;
    }

    public boolean isWhole() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
