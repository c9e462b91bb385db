package io.mountsim.reports.data;

import io.mountsim.core.results.ScenarioDescription;
import io.mountsim.core.results.Setting;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the settings of compared scenarios say together. */
public final class Settings {

    private Settings() {
    }

    /**
     * The setting keys whose values differ between {@code scenarios} (a key some lack counts
     * as differing), in first-seen order.
     */
    public static Set<String> differing(List<ScenarioDescription> scenarios) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        scenarios.forEach(s -> s.settings().forEach(x -> keys.add(x.key())));
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String key : keys) {
            if (scenarios.stream().map(s -> s.setting(key)).distinct().count() > 1) {
                out.add(key);
            }
        }
        return out;
    }

    /** Every setting of {@code s}, its keys prefixed ("compare[1]." + "machine.preset"). */
    public static List<Setting> prefixed(String prefix, ScenarioDescription s) {
        return s.settings().stream().map(x -> new Setting(prefix + x.key(), x.value())).toList();
    }
}
