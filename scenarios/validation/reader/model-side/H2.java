public class H2 { public static void main(String[] a) throws Exception {
  for (int i = 1; i < a.length; i++) {
    long[] s = io.mountsim.models.workload.MountinfoWatcher.STATS; java.util.Arrays.fill(s, 0);
    H.main(new String[]{a[0], a[i]});
    System.out.printf("  passes=%d meanPassMs=%.3f meanLines=%.1f meanChunks=%.2f cpuMs=%.3f%n", s[0], s[1]/1e6/s[0], (double)s[2]/s[0], (double)s[3]/s[0], s[4]/1e6/s[0]);
  }}}
