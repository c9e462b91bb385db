package io.mountsim.scenarios.schema;

/**
 * One key a scenario file may hold.
 *
 * @param path         dotted path, e.g. {@code workload.containers}
 * @param type         what the value may be, in words ("integer >= 1", "per-layer | ...")
 * @param defaultValue the value used when the key is absent ("required", "-" for none)
 * @param doc          what it means
 * @param sweepable    whether {@code sweep:} and {@code compare} may vary it
 */
public record KeyDoc(String path, String type, String defaultValue, String doc, boolean sweepable) {
}
