package io.mountsim.scenarios.scenario;

import io.mountsim.models.node.NodeSpec;
import io.mountsim.models.node.Pid1Config;
import io.mountsim.models.node.TableWatcherConfig;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.scenario.Values.Range;
import io.mountsim.scenarios.yaml.YamlValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Binds the node around the starts: the {@code node:} section (running containers, their
 * layers, CPU load, path walks) and the watcher keys beyond plain mountinfo readers
 * ({@code watchers.systemd}, {@code watchers.others}). A key left out leaves today's idle
 * node; the resolved copy names only what the file gave, so scenarios without these keys
 * resolve exactly as before.
 */
final class NodeBinder {
    private static final int MAX_RUNNING_CONTAINERS = 1_000_000;
    private static final int MAX_LAYERS = 500; // overlayfs' OVL_MAX_STACK
    private static final int MAX_OTHER_MOUNTS = 10_000;

    private final Values values;
    private final Problems problems;

    NodeBinder(Values values, Problems problems) {
        this.values = values;
        this.problems = problems;
    }

    /** The {@code node:} section; absent = idle. */
    NodeSpec node(YamlValue.Mapping root, Map<String, Object> resolved) {
        YamlValue v = root.get("node");
        if (v == null || v instanceof YamlValue.Scalar sc && sc.isNull()) {
            return NodeSpec.idle();
        }
        Optional<YamlValue.Mapping> m = values.mapping(v, "node", "a mapping {runningContainers, layers, ...}");
        if (m.isEmpty()) {
            return NodeSpec.idle();
        }
        Section s = Section.of(m.get(), "node", problems);
        int running = values.intOr(s.get("runningContainers"), s.path("runningContainers"), 0, MAX_RUNNING_CONTAINERS,
                "an integer in [0, " + MAX_RUNNING_CONTAINERS + "]", 0);
        int layers = values.intOr(s.get("layers"), s.path("layers"), 1, MAX_LAYERS,
                "an integer in [1, " + MAX_LAYERS + "]", PointBinder.DEFAULT_LAYERS);
        int other = values.intOr(s.get("otherMountsPerContainer"), s.path("otherMountsPerContainer"), 0, MAX_OTHER_MOUNTS,
                "an integer in [0, " + MAX_OTHER_MOUNTS + "]", NodeSpec.EST_OTHER_MOUNTS_PER_CONTAINER);
        double lookups = values.numberOr(s.get("pathLookupsPerContainerPerSecond"), s.path("pathLookupsPerContainerPerSecond"),
                Range.nonNegative(), 0);
        LinkedHashMap<String, Object> r = new LinkedHashMap<>();
        r.put("runningContainers", running);
        r.put("layers", layers);
        r.put("otherMountsPerContainer", other);
        Optional<NodeSpec.CpuLoad> load = Optional.empty();
        YamlValue loadValue = s.get("cpuLoad");
        if (loadValue != null && !(loadValue instanceof YamlValue.Scalar sc && sc.isNull())) {
            Optional<YamlValue.Mapping> lm = values.mapping(loadValue, s.path("cpuLoad"), "a mapping {utilization, burstMs}");
            if (lm.isPresent()) {
                Section l = Section.of(lm.get(), s.path("cpuLoad"), problems);
                if (!l.has("utilization")) {
                    values.error(loadValue, l.path("utilization"),
                            "missing; a CPU load needs utilization, the busy share of each CPU in (0, 1), e.g. 0.3");
                } else {
                    double u = values.numberOr(l.get("utilization"), l.path("utilization"), Range.openUnit(), 0.5);
                    double burst = values.numberOr(l.get("burstMs"), l.path("burstMs"), Range.positive(), NodeSpec.EST_BURST_MS);
                    if (u > 0 && u < 1 && burst > 0) {
                        load = Optional.of(new NodeSpec.CpuLoad(u, burst));
                        r.put("cpuLoad", PointBinder.map("utilization", u, "burstMs", burst));
                    }
                }
            }
        }
        r.put("pathLookupsPerContainerPerSecond", lookups);
        boolean runc = s.has("runcNamespaceCopy")
                ? values.onOff(s.get("runcNamespaceCopy"), s.path("runcNamespaceCopy")).orElse(false) : false;
        r.put("runcNamespaceCopy", runc);
        resolved.put("node", r);
        return new NodeSpec(running, layers, other, load, lookups, runc);
    }

    /** {@code watchers.systemd}: on | off | a mapping of PID 1's parameters; absent = not modelled. */
    Optional<Pid1Config> systemd(Section watchers, Map<String, Object> resolved) {
        YamlValue v = watchers.get("systemd");
        String path = watchers.path("systemd");
        if (v == null || v instanceof YamlValue.Scalar sc && sc.isNull()) {
            return Optional.empty();
        }
        Pid1Config d = Pid1Config.defaults();
        if (v instanceof YamlValue.Scalar) {
            Optional<Boolean> on = values.onOff(v, path);
            if (on.isEmpty()) {
                return Optional.empty();
            }
            resolved.put("systemd", on.get() ? pid1Resolved(d) : "off");
            return on.get() ? Optional.of(d) : Optional.empty();
        }
        Optional<YamlValue.Mapping> m = values.mapping(v, path, "on, off or a mapping of PID 1's parameters");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Section s = Section.of(m.get(), path, problems);
        int burst = d.rateLimitBurst();
        double perSeconds = d.rateLimitSeconds();
        YamlValue rlValue = s.get("rateLimit");
        if (rlValue != null) {
            Optional<YamlValue.Mapping> rl = values.mapping(rlValue, s.path("rateLimit"), "a mapping {burst, perSeconds}");
            if (rl.isPresent()) {
                Section r = Section.of(rl.get(), s.path("rateLimit"), problems);
                burst = values.intOr(r.get("burst"), r.path("burst"), 1, Integer.MAX_VALUE, "an integer >= 1", burst);
                perSeconds = values.numberOr(r.get("perSeconds"), r.path("perSeconds"), Range.positive(), perSeconds);
            }
        }
        Pid1Config c = new Pid1Config(burst, perSeconds,
                values.numberOr(s.get("parseNsPerLine"), s.path("parseNsPerLine"), Range.nonNegative(), d.parseNsPerLine()),
                values.numberOr(s.get("parseNsPerLowerdir"), s.path("parseNsPerLowerdir"), Range.nonNegative(), d.parseNsPerLowerdir()),
                values.numberOr(s.get("unitNsPerLine"), s.path("unitNsPerLine"), Range.nonNegative(), d.unitNsPerLine()),
                values.intOr(s.get("dbusRequestsPerStart"), s.path("dbusRequestsPerStart"), 0, 100, "an integer in [0, 100]",
                        d.dbusRequestsPerStart()),
                values.numberOr(s.get("dbusServiceUs"), s.path("dbusServiceUs"), Range.nonNegative(), d.dbusServiceUs()),
                values.numberOr(s.get("dbusTimeoutSeconds"), s.path("dbusTimeoutSeconds"), Range.positive(), d.dbusTimeoutSeconds()),
                values.intOr(s.get("dbusRequestsBeforeRootfs"), s.path("dbusRequestsBeforeRootfs"), 0, 100,
                        "an integer in [0, 100]", d.dbusRequestsBeforeRootfs()));
        resolved.put("systemd", pid1Resolved(c));
        return Optional.of(c);
    }

    private static Map<String, Object> pid1Resolved(Pid1Config c) {
        return PointBinder.map("rateLimit", PointBinder.map("burst", c.rateLimitBurst(), "perSeconds", c.rateLimitSeconds()),
                "parseNsPerLine", c.parseNsPerLine(), "parseNsPerLowerdir", c.parseNsPerLowerdir(),
                "unitNsPerLine", c.unitNsPerLine(), "dbusRequestsBeforeRootfs", c.dbusRequestsBeforeRootfs(),
                "dbusRequestsPerStart", c.dbusRequestsPerStart(),
                "dbusServiceUs", c.dbusServiceUs(), "dbusTimeoutSeconds", c.dbusTimeoutSeconds());
    }

    /** {@code watchers.others}: a list of {name, trigger, everySeconds, parseNsPerLine}. */
    List<TableWatcherConfig> others(Section watchers, Map<String, Object> resolved) {
        YamlValue v = watchers.get("others");
        String path = watchers.path("others");
        if (v == null || v instanceof YamlValue.Scalar sc && sc.isNull()) {
            return List.of();
        }
        if (!(v instanceof YamlValue.Sequence q)) {
            values.error(v, path, "expected a list of watchers, e.g. [{name: kubelet, trigger: interval, everySeconds: 10}], got "
                    + Values.describe(v));
            return List.of();
        }
        List<TableWatcherConfig> out = new ArrayList<>();
        List<Object> r = new ArrayList<>();
        for (int i = 0; i < q.items().size(); i++) {
            YamlValue item = q.items().get(i);
            String itemPath = path + "[" + i + "]";
            Optional<YamlValue.Mapping> m = values.mapping(item, itemPath, "a mapping {name, trigger, everySeconds, parseNsPerLine}");
            if (m.isEmpty()) {
                continue;
            }
            Section s = Section.of(m.get(), path, problems); // unknown keys are checked against watchers.others.*
            boolean complete = true;
            for (String required : List.of("name", "trigger", "everySeconds")) {
                if (!s.has(required)) {
                    values.error(item, itemPath + "." + required, "missing; each watcher needs name, trigger (change | interval)"
                            + " and everySeconds");
                    complete = false;
                }
            }
            if (!complete) {
                continue;
            }
            Optional<String> name = values.text(s.get("name"), itemPath + ".name");
            Optional<String> trigger = values.choice(s.get("trigger"), itemPath + ".trigger", List.of("change", "interval"));
            double every = values.numberOr(s.get("everySeconds"), itemPath + ".everySeconds", Range.positive(), 1);
            double parse = values.numberOr(s.get("parseNsPerLine"), itemPath + ".parseNsPerLine", Range.nonNegative(),
                    Pid1Config.MEASURED_PARSE_NS_PER_LINE);
            if (name.isEmpty() || trigger.isEmpty() || !(every > 0)) {
                continue;
            }
            TableWatcherConfig.Trigger t = TableWatcherConfig.Trigger.valueOf(trigger.get().toUpperCase(Locale.ROOT));
            out.add(new TableWatcherConfig(name.get(), t, every, parse));
            r.add(PointBinder.map("name", name.get(), "trigger", trigger.get(), "everySeconds", every, "parseNsPerLine", parse));
        }
        resolved.put("others", r);
        return out;
    }
}
