package io.mountsim.core.results;

import java.util.List;
import java.util.Optional;

/**
 * One scenario as run, in the facts the report puts into words: built by the scenarios
 * layer from the validated scenario, so the reports never dig in its resolved tree.
 *
 * @param name         the scenario's name
 * @param machineLabel the machine as people name it: a preset's name, an inline machine's
 *                     own name, or its shape ("1 socket × 16 cores × 2 threads"); empty when unknown
 * @param machineShape "2 sockets × 24 cores × 2 threads, mesh"; empty when unknown
 * @param settings     every resolved setting (defaults filled in), in document order
 */
public record ScenarioDescription(String name, String machineLabel, String machineShape, List<Setting> settings) {
    public ScenarioDescription {
        settings = List.copyOf(settings);
    }

    /** The value of the setting at {@code key}, when the scenario has one. */
    public Optional<String> setting(String key) {
        return settings.stream().filter(s -> s.key().equals(key)).map(Setting::value).findFirst();
    }

    /** The settings at {@code section} or under it ({@code workload} gives workload.kind, ...), in order. */
    public List<Setting> section(String section) {
        return settings.stream().filter(s -> isUnder(s.key(), section)).toList();
    }

    /** True when {@code key} is {@code path} or a setting inside it ({@code path.x}, {@code path[0]}). */
    public static boolean isUnder(String key, String path) {
        return key.equals(path) || key.startsWith(path + ".") || key.startsWith(path + "[");
    }
}
