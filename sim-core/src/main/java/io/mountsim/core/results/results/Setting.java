package io.mountsim.core.results;

/**
 * One resolved scenario setting as the report shows it.
 *
 * @param key   its dotted path ({@code workload.containers}; a list of mappings numbers its
 *              items, {@code watchers.others[0].name}; a list of scalars is one setting)
 * @param value the validated value as text ({@code 100}, {@code per-layer}, {@code [1, 2]})
 */
public record Setting(String key, String value) {
}
