import io.mountsim.models.calibration.*;
import io.mountsim.models.runtime.IdmapMode;
import io.mountsim.models.SimulationModel;
import io.mountsim.scenarios.scenario.ProfileYaml;
import java.nio.file.Path;
import java.util.*;
public class H {
  public static void main(String[] a) {
    HostProfile p = ProfileYaml.read(Path.of(a[0]));
    for (int i = 1; i < a.length; i++) {
      int t = Integer.parseInt(a[i]);
      MeasuredRun r = new MeasuredRun(t, 50, IdmapMode.PER_LAYER, Integer.getInteger("readers", 1), 64, 1, 1, 1, Map.of(), 1, 1, OptionalDouble.empty());
      var o = SimulationModel.runReplication(CalibrationFit.specFor(r, p.machine(), p.kernel()), 1L, 0, false);
      System.out.println("threads=" + t + " " + new TreeMap<>(o.metrics()));
    }
  }
}
