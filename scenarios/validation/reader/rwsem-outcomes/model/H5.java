import io.mountsim.models.calibration.*;
import io.mountsim.models.locks.RwSemaphore;
import io.mountsim.models.runtime.IdmapMode;
import io.mountsim.models.SimulationModel;
import io.mountsim.scenarios.scenario.ProfileYaml;
import java.nio.file.Path;
import java.util.*;
/** The transfer point simulated as `calibrate --compare` does, with namespace_sem's outcomes counted (RwSemaphore.OUT). */
public class H5 {
  public static void main(String[] a) {
    HostProfile p = ProfileYaml.read(Path.of(a[0]));
    for (int i = 1; i < a.length; i++) {
      int t = Integer.parseInt(a[i]);
      RwSemaphore.OUT = new RwSemaphore.Outcomes();
      MeasuredRun r = new MeasuredRun(t, 50, IdmapMode.PER_LAYER, Integer.getInteger("readers", 1), 64, 1, 1, 1, Map.of(), 1, 1, OptionalDouble.empty());
      var o = SimulationModel.runReplication(CalibrationFit.specFor(r, p.machine(), p.kernel()), 1L, 0, false);
      var m = new TreeMap<>(o.metrics());
      System.out.printf("threads=%d startsPerSecond=%.1f makespanSeconds=%.4f mountinfoReads=%.0f namespaceSemUtilization=%.3f cpuUtilization=%.3f overlayMount_us=%.0f umountDetach_us=%.0f%n", t,
          m.get("startsPerSecond"), m.get("makespanSeconds"), m.get("mountinfoReads"), m.get("namespaceSemUtilization"), m.get("cpuUtilization"), m.get("syscallUsMean.overlayMount"), m.get("syscallUsMean.umountDetach"));
      RwSemaphore.Outcomes out = RwSemaphore.OUT;
      long tot = Arrays.stream(out.stateNs).sum();
      System.out.println("## namespace_sem: time share of each lock state (at every lock event)");
      for (int s = 0; s < out.stateNs.length; s++) System.out.printf("  %-40s %5.1f%%%n", RwSemaphore.Outcomes.STATES[s], 100.0 * out.stateNs[s] / tot);
      System.out.println("## counts");
      out.counts.forEach((k, v) -> System.out.printf("  %-75s %6d%n", k, v[0]));
      System.out.println("## samples (n, mean, p50, p90, total ms)");
      out.samples.forEach((k, v) -> { List<Long> x = new ArrayList<>(v); Collections.sort(x); long sum = x.stream().mapToLong(Long::longValue).sum();
        System.out.printf("  %-40s n=%5d mean %6.0f p50 %6d p90 %6d total %8.1f ms%n", k, x.size(), (double) sum / x.size(), x.get((x.size() - 1) / 2), x.get((int) (0.9 * (x.size() - 1))), sum / 1e3); });
    }
  }
}
