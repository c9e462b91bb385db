package io.mountsim.scenarios.scenario;

import io.mountsim.models.node.NodeSpec;
import io.mountsim.models.node.Pid1Config;
import io.mountsim.models.node.TableWatcherConfig;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.schema.Resolved;
import io.mountsim.scenarios.schema.ScenarioKey;
import io.mountsim.scenarios.yaml.YamlValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.mountsim.scenarios.schema.ScenarioKeys.*;

/**
 * Binds the node around the starts: the {@code node:} section (running containers, their
 * layers, CPU load, path walks) and the watcher keys beyond plain mountinfo readers
 * ({@code watchers.systemd}, {@code watchers.others}). A key left out leaves today's idle
 * node; the resolved copy names only what the file gave, so scenarios without these keys
 * resolve exactly as before.
 */
final class NodeBinder {
    private final Values values;
    private final Problems problems;

    NodeBinder(Values values, Problems problems) {
        this.values = values;
        this.problems = problems;
    }

    /** The {@code node:} section; absent = idle. */
    NodeSpec node(YamlValue.Mapping root, Resolved resolved) {
        YamlValue v = root.get(NODE.name());
        if (v == null || v instanceof YamlValue.Scalar sc && sc.isNull()) {
            return NodeSpec.idle();
        }
        Optional<YamlValue.Mapping> m = values.mapping(v, NODE.path(), "a mapping {runningContainers, layers, ...}");
        if (m.isEmpty()) {
            return NodeSpec.idle();
        }
        Section s = Section.of(m.get(), NODE.path(), problems);
        int running = values.read(s, NODE_RUNNING_CONTAINERS);
        int layers = values.read(s, NODE_LAYERS);
        int other = values.read(s, NODE_OTHER_MOUNTS);
        double lookups = values.read(s, NODE_PATH_LOOKUPS);
        resolved.put(NODE_RUNNING_CONTAINERS, running)
                .put(NODE_LAYERS, layers)
                .put(NODE_OTHER_MOUNTS, other);
        Optional<NodeSpec.CpuLoad> load = Optional.empty();
        YamlValue loadValue = s.get(NODE_CPU_LOAD.name());
        if (loadValue != null && !(loadValue instanceof YamlValue.Scalar sc && sc.isNull())) {
            Optional<YamlValue.Mapping> lm = values.mapping(loadValue, NODE_CPU_LOAD.path(), "a mapping {utilization, burstMs, llcFootprintMb}");
            if (lm.isPresent()) {
                Section l = Section.of(lm.get(), NODE_CPU_LOAD.path(), problems);
                if (!l.has(CPU_LOAD_UTILIZATION.name())) {
                    values.error(loadValue, CPU_LOAD_UTILIZATION.path(),
                            "missing; a CPU load needs utilization, the busy share of each CPU in (0, 1), e.g. 0.3");
                } else {
                    // the fallback only keeps binding going after a reported problem
                    double u = values.read(l, CPU_LOAD_UTILIZATION, 0.5);
                    double burst = values.read(l, CPU_LOAD_BURST_MS);
                    double llc = values.read(l, CPU_LOAD_LLC_FOOTPRINT);
                    if (u > 0 && u < 1 && burst > 0 && llc >= 0) {
                        load = Optional.of(new NodeSpec.CpuLoad(u, burst, llc));
                        resolved.put(CPU_LOAD_UTILIZATION, u).put(CPU_LOAD_BURST_MS, burst);
                        if (l.has(CPU_LOAD_LLC_FOOTPRINT.name())) {
                            resolved.put(CPU_LOAD_LLC_FOOTPRINT, llc);
                        }
                    }
                }
            }
        }
        resolved.put(NODE_PATH_LOOKUPS, lookups);
        boolean runc = values.read(s, NODE_RUNC_NAMESPACE_COPY);
        resolved.put(NODE_RUNC_NAMESPACE_COPY, runc);
        return new NodeSpec(running, layers, other, load, lookups, runc);
    }

    /** {@code watchers.systemd}: on | off | a mapping of PID 1's parameters; absent = not modelled. */
    Optional<Pid1Config> systemd(Section watchers, Resolved resolved) {
        YamlValue v = watchers.get(SYSTEMD.name());
        String path = SYSTEMD.path();
        if (v == null || v instanceof YamlValue.Scalar sc && sc.isNull()) {
            return Optional.empty();
        }
        Pid1Config d = Pid1Config.defaults();
        if (v instanceof YamlValue.Scalar) {
            Optional<Boolean> on = values.onOff(v, path);
            if (on.isEmpty()) {
                return Optional.empty();
            }
            if (on.get()) {
                putPid1(d, resolved);
            } else {
                resolved.put(SYSTEMD, "off");
            }
            return on.get() ? Optional.of(d) : Optional.empty();
        }
        Optional<YamlValue.Mapping> m = values.mapping(v, path, "on, off or a mapping of PID 1's parameters");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Section s = Section.of(m.get(), path, problems);
        int burst = d.rateLimitBurst();
        double perSeconds = d.rateLimitSeconds();
        YamlValue rlValue = s.get(SYSTEMD_RATE_LIMIT.name());
        if (rlValue != null) {
            Optional<YamlValue.Mapping> rl = values.mapping(rlValue, SYSTEMD_RATE_LIMIT.path(), "a mapping {burst, perSeconds}");
            if (rl.isPresent()) {
                Section r = Section.of(rl.get(), SYSTEMD_RATE_LIMIT.path(), problems);
                burst = values.read(r, SYSTEMD_RATE_LIMIT_BURST);
                perSeconds = values.read(r, SYSTEMD_RATE_LIMIT_PER_SECONDS);
            }
        }
        Pid1Config c = new Pid1Config(burst, perSeconds,
                values.read(s, SYSTEMD_PARSE_NS_PER_LINE),
                values.read(s, SYSTEMD_PARSE_NS_PER_LOWERDIR),
                values.read(s, SYSTEMD_UNIT_NS_PER_LINE),
                values.read(s, SYSTEMD_DBUS_PER_START),
                values.read(s, SYSTEMD_DBUS_SERVICE_US),
                values.read(s, SYSTEMD_DBUS_TIMEOUT_SECONDS),
                values.read(s, SYSTEMD_DBUS_BEFORE_ROOTFS));
        putPid1(c, resolved);
        return Optional.of(c);
    }

    private static void putPid1(Pid1Config c, Resolved resolved) {
        resolved.put(SYSTEMD_RATE_LIMIT_BURST, c.rateLimitBurst())
                .put(SYSTEMD_RATE_LIMIT_PER_SECONDS, c.rateLimitSeconds())
                .put(SYSTEMD_PARSE_NS_PER_LINE, c.parseNsPerLine())
                .put(SYSTEMD_PARSE_NS_PER_LOWERDIR, c.parseNsPerLowerdir())
                .put(SYSTEMD_UNIT_NS_PER_LINE, c.unitNsPerLine())
                .put(SYSTEMD_DBUS_BEFORE_ROOTFS, c.dbusRequestsBeforeRootfs())
                .put(SYSTEMD_DBUS_PER_START, c.dbusRequestsPerStart())
                .put(SYSTEMD_DBUS_SERVICE_US, c.dbusServiceUs())
                .put(SYSTEMD_DBUS_TIMEOUT_SECONDS, c.dbusTimeoutSeconds());
    }

    /** {@code watchers.others}: a list of {name, trigger, everySeconds, parseNsPerLine}. */
    List<TableWatcherConfig> others(Section watchers, Resolved resolved) {
        YamlValue v = watchers.get(OTHERS.name());
        String path = OTHERS.path();
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
        List<ScenarioKey> required = List.of(OTHERS_NAME, OTHERS_TRIGGER, OTHERS_EVERY_SECONDS);
        for (int i = 0; i < q.items().size(); i++) {
            YamlValue item = q.items().get(i);
            String itemPath = path + "[" + i + "]";
            Optional<YamlValue.Mapping> m = values.mapping(item, itemPath, "a mapping {name, trigger, everySeconds, parseNsPerLine}");
            if (m.isEmpty()) {
                continue;
            }
            Section s = Section.of(m.get(), path, problems); // unknown keys are checked against watchers.others.*
            boolean complete = true;
            for (ScenarioKey key : required) {
                if (!s.has(key.name())) {
                    values.error(item, itemPath + "." + key.name(), "missing; each watcher needs name, trigger (change | interval)"
                            + " and everySeconds");
                    complete = false;
                }
            }
            if (!complete) {
                continue;
            }
            // items are named by index in messages (watchers.others[1].trigger), so these read by value
            Optional<String> name = values.text(s.get(OTHERS_NAME.name()), itemPath + "." + OTHERS_NAME.name());
            Optional<String> trigger = values.choice(s.get(OTHERS_TRIGGER.name()), itemPath + "." + OTHERS_TRIGGER.name(),
                    OTHERS_TRIGGER.options());
            double every = values.numberOr(s.get(OTHERS_EVERY_SECONDS.name()), itemPath + "." + OTHERS_EVERY_SECONDS.name(),
                    OTHERS_EVERY_SECONDS.range(), 1);
            double parse = values.numberOr(s.get(OTHERS_PARSE_NS_PER_LINE.name()), itemPath + "." + OTHERS_PARSE_NS_PER_LINE.name(),
                    OTHERS_PARSE_NS_PER_LINE.range(), OTHERS_PARSE_NS_PER_LINE.requireDefault());
            if (name.isEmpty() || trigger.isEmpty() || !(every > 0)) {
                continue;
            }
            TableWatcherConfig.Trigger t = TableWatcherConfig.Trigger.valueOf(trigger.get().toUpperCase(Locale.ROOT));
            out.add(new TableWatcherConfig(name.get(), t, every, parse));
            r.add(PointBinder.map(OTHERS_NAME.name(), name.get(), OTHERS_TRIGGER.name(), trigger.get(),
                    OTHERS_EVERY_SECONDS.name(), every, OTHERS_PARSE_NS_PER_LINE.name(), parse));
        }
        resolved.put(OTHERS, r);
        return out;
    }
}
