package io.mountsim.models.calibration;

import io.mountsim.models.kernel.KernelProfile;
import io.mountsim.models.kernel.SyscallCostsUs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The names of a {@link KernelProfile}'s numbers, group by group, as profile files and
 * scenarios spell them ({@code syscallsUs.overlayMount.perLayer}), and the profile built
 * back from such names. The one list of what a profile holds.
 */
public final class ProfileFields {
    /** What kind of value a field holds. */
    public enum Kind { NUMBER, INTEGER, BOOLEAN }

    /**
     * One number of a profile.
     *
     * @param absent null for a field every profile file must hold; else the value of a field
     *               added later, which a file may leave out: read as this value (its
     *               {@link #NOT_MEASURED} provenance), and written only when it differs, so
     *               that files written before the field existed stay valid and unchanged
     */
    public record Field(String key, Kind kind, Function<KernelProfile, Object> get, Object absent) {
        Field(String key, Kind kind, Function<KernelProfile, Object> get) {
            this(key, kind, get, null);
        }

        public boolean optional() {
            return absent != null;
        }
    }

    /** The provenance of an optional field a profile file leaves out. */
    public static final Provenance NOT_MEASURED = Provenance.byDefault("0 = not measured: nothing charged (the file"
            + " has no value; `mountsim calibrate` writes one from a kit run with the probe's rows)");

    public static final List<Field> ALL = List.of(
            num("syscallsUs.openTree", p -> p.syscallsUs().openTree()),
            num("syscallsUs.mountSetattr", p -> p.syscallsUs().mountSetattr()),
            num("syscallsUs.moveMount", p -> p.syscallsUs().moveMount()),
            num("syscallsUs.overlayMount.base", p -> p.syscallsUs().overlayMountBase()),
            num("syscallsUs.overlayMount.perLayer", p -> p.syscallsUs().overlayMountPerLayer()),
            num("syscallsUs.umount", p -> p.syscallsUs().umount()),
            num("syscallsUs.mountinfoRead.base", p -> p.syscallsUs().mountinfoReadBase()),
            num("syscallsUs.mountinfoRead.perMount", p -> p.syscallsUs().mountinfoReadPerMount()),
            num("syscallsUs.mountinfoRead.perLowerdir", p -> p.syscallsUs().mountinfoReadPerLowerdir()),
            num("syscallsUs.childMountCheck", p -> p.syscallsUs().childMountCheck()),
            num("lockHeldShares.openTree", p -> p.shares().openTree()),
            num("lockHeldShares.moveMount", p -> p.shares().moveMount()),
            num("lockHeldShares.umount", p -> p.shares().umount()),
            num("lockHeldShares.overlayPerLayer", p -> p.shares().overlayPerLayer()),
            num("lockHeldShares.overlayBase", p -> p.shares().overlayBase()),
            num("rcu.gracePeriodUs", p -> p.rcu().gracePeriodUs()),
            num("rcu.kworkerUs", p -> p.rcu().kworkerUs()),
            new Field("rcu.shared", Kind.BOOLEAN, p -> p.rcu().shared()),
            num("rcu.perCpuUs", p -> p.rcu().perCpuUs()),
            num("scheduler.idleWakeupUs", p -> p.scheduler().idleWakeupUs()),
            num("scheduler.contextSwitchUs", p -> p.scheduler().contextSwitchUs()),
            new Field("scheduler.preemptible", Kind.BOOLEAN, p -> p.scheduler().preemptible()),
            new Field("scheduler.crossCpuWakeup.wakerUs", Kind.NUMBER,
                    p -> p.scheduler().crossCpuWakeup().wakerUs(), 0.0),
            new Field("scheduler.crossCpuWakeup.wokenUs", Kind.NUMBER,
                    p -> p.scheduler().crossCpuWakeup().wokenUs(), 0.0),
            new Field("scheduler.crossCpuWakeup.wakerIdleTargetUs", Kind.NUMBER,
                    p -> p.scheduler().crossCpuWakeup().wakerIdleTargetUs(), 0.0),
            num("mountTable.lockSectionUs", p -> p.mountTable().lockSectionUs()),
            num("mountTable.perCpuCounterNs", p -> p.mountTable().perCpuCounterNs()),
            num("mountTable.pathWalkUs", p -> p.mountTable().pathWalkUs()),
            num("mountTable.refWalkFactor", p -> p.mountTable().refWalkFactor()),
            new Field("mountTable.baselineMounts", Kind.INTEGER, p -> p.mountTable().baselineMounts()),
            num("mountTable.mountinfoLineBytes", p -> p.mountTable().mountinfoLineBytes()),
            num("runtime.perStartUs", p -> p.runtime().perStartUs()),
            num("runtime.perLayerUs", p -> p.runtime().perLayerUs()),
            new Field("host.cpus", Kind.INTEGER, p -> p.host().cpus()),
            num("host.umountWaitUs", p -> p.host().umountWaitUs()),
            num("host.workCv", p -> p.host().workCv()));

    private ProfileFields() {
    }

    private static Field num(String key, Function<KernelProfile, Object> get) {
        return new Field(key, Kind.NUMBER, get);
    }

    /** Every field's value, in {@link #ALL}'s order. */
    public static Map<String, Object> values(KernelProfile p) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : ALL) {
            out.put(f.key(), f.get().apply(p));
        }
        return out;
    }

    /** Whether a writer leaves this field out: an optional field at its absent value. */
    public static boolean leftOut(Field f, Object value) {
        return f.optional() && f.absent().equals(value);
    }

    /**
     * The profile whose fields have these values (every key of {@link #ALL} must be present:
     * a reader gives an optional field a file leaves out its {@link Field#absent()} value).
     */
    public static KernelProfile build(Map<String, Object> v) {
        return new KernelProfile(
                new SyscallCostsUs(d(v, "syscallsUs.openTree"), d(v, "syscallsUs.mountSetattr"), d(v, "syscallsUs.moveMount"),
                        d(v, "syscallsUs.overlayMount.base"), d(v, "syscallsUs.overlayMount.perLayer"),
                        d(v, "syscallsUs.umount"), d(v, "syscallsUs.mountinfoRead.base"),
                        d(v, "syscallsUs.mountinfoRead.perMount"), d(v, "syscallsUs.mountinfoRead.perLowerdir"),
                        d(v, "syscallsUs.childMountCheck")),
                new KernelProfile.LockShares(d(v, "lockHeldShares.openTree"), d(v, "lockHeldShares.moveMount"),
                        d(v, "lockHeldShares.umount"), d(v, "lockHeldShares.overlayPerLayer"),
                        d(v, "lockHeldShares.overlayBase")),
                new KernelProfile.Rcu(d(v, "rcu.gracePeriodUs"), d(v, "rcu.kworkerUs"), b(v, "rcu.shared"),
                        d(v, "rcu.perCpuUs")),
                new KernelProfile.Scheduler(d(v, "scheduler.idleWakeupUs"), d(v, "scheduler.contextSwitchUs"),
                        b(v, "scheduler.preemptible"), new KernelProfile.CrossCpuWakeup(
                        d(v, "scheduler.crossCpuWakeup.wakerUs"), d(v, "scheduler.crossCpuWakeup.wokenUs"),
                        d(v, "scheduler.crossCpuWakeup.wakerIdleTargetUs"))),
                new KernelProfile.MountTable(d(v, "mountTable.lockSectionUs"), d(v, "mountTable.perCpuCounterNs"),
                        d(v, "mountTable.pathWalkUs"), d(v, "mountTable.refWalkFactor"),
                        (int) Math.round(d(v, "mountTable.baselineMounts")), d(v, "mountTable.mountinfoLineBytes")),
                new KernelProfile.RuntimeOverheads(d(v, "runtime.perStartUs"), d(v, "runtime.perLayerUs")),
                new KernelProfile.MeasuringHost((int) Math.round(d(v, "host.cpus")), d(v, "host.umountWaitUs"),
                        d(v, "host.workCv")));
    }

    private static double d(Map<String, Object> v, String key) {
        Object o = v.get(key);
        if (!(o instanceof Number n)) {
            throw new IllegalArgumentException("profile field " + key + " is missing");
        }
        return n.doubleValue();
    }

    private static boolean b(Map<String, Object> v, String key) {
        Object o = v.get(key);
        if (!(o instanceof Boolean x)) {
            throw new IllegalArgumentException("profile field " + key + " is missing");
        }
        return x;
    }
}
