public class H4 { public static void main(String[] a) throws Exception {
  for (int i = 1; i < a.length; i++) {
    io.mountsim.models.locks.RwSemaphore.BY_CALLER.clear();
    H3.main(new String[]{a[0], a[i]});
    io.mountsim.models.locks.RwSemaphore.BY_CALLER.forEach((k, v) -> System.out.printf("  %-28s sleeps=%6d wait_total_ms=%9.1f%n", k, v[0], v[1] / 1e6));
  }}}
