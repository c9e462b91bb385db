public class H3 { public static void main(String[] a) throws Exception {
  for (int i = 1; i < a.length; i++) {
    long[] c = io.mountsim.models.locks.RwSemaphore.COUNTS; java.util.Arrays.fill(c, 0);
    H2.main(new String[]{a[0], a[i]});
    System.out.printf("  namespace_sem: read attempts=%d read sleeps=%d (%.1f%%) read wait total=%.1f ms; write attempts=%d write sleeps=%d (%.1f%%) write wait total=%.1f ms%n",
      c[0], c[2], 100.0*c[2]/c[0], c[4]/1e6, c[1], c[3], 100.0*c[3]/c[1], c[5]/1e6);
  }}}
