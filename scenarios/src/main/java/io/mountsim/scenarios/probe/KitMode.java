package io.mountsim.scenarios.probe;

/** Which arguments of kit.txt a run uses: the full kit (minutes) or the quick one (seconds). */
public enum KitMode {
    FULL("full"),
    QUICK("quick");

    private final String word;

    KitMode(String word) {
        this.word = word;
    }

    /** As written in the results header's "mode:" line. */
    public String word() {
        return word;
    }
}
