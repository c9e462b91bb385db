// mountsim probe kit: mountinfo-overlay-lines, the cost of one full read of
// /proc/self/mountinfo vs overlay mounts with L lowerdirs (mountbench-like paths).
//
// WHAT: a mountinfo read walks the namespace's mounts (m_start()/m_next() under
// namespace_sem read, per read() buffer) and show_mountinfo() prints each line; for an
// overlay, ovl_show_options() prints lowerdir=... and seq_show_option() escapes every byte
// (string_escape_mem()), so an overlay line costs more with every lowerdir it lists
// (KernelProfiles.MOUNTINFO_PER_LOWERDIR_US is fitted from these rows).
//
// HOW: per L, in a fresh child process and private mount namespace: a tmpfs at /tmp/mb
// with L layer dirs; overlays are added in steps (0, 8, 16, 32, 64, 128), each built like
// mountbench's (bind mounts as lowerdirs, then the overlay, then the binds detached, so
// only the overlay lines remain). At each step the row is the fastest of 20 full reads
// (64 KiB read() calls, CLOCK_MONOTONIC around each whole read): the minimum drops
// interruptions, which matter here since a read is short.
//
// ROWS: lowerdirs=L overlays=N bytes=B read_us=X   (one per step, per L)
// usage: mountinfo-overlay-lines L [L...]
#include "probe.h"

static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static char buf[1<<20];
static double readcost(long *bytes){int fd=open("/proc/self/mountinfo",O_RDONLY);double best=1e9;
 for(int r=0;r<20;r++){lseek(fd,0,SEEK_SET);double t0=now();long n,tot=0;while((n=read(fd,buf,1<<16))>0)tot+=n;double t=now()-t0;if(t<best)best=t;*bytes=tot;}
 close(fd); return best*1e6;}

static int sweep(void *arg) {
  int L=*(int *)arg; const char*R="/tmp/mb"; char b[512];
  mkdir(R,0755); if(mount("tmpfs",R,"tmpfs",0,"size=64m")) probe_fail(errno == EPERM ? PROBE_NOT_PRIVILEGED : PROBE_FAILED, "tmpfs");
  snprintf(b,sizeof b,"%s/layers",R);mkdir(b,0755); snprintf(b,sizeof b,"%s/c",R);mkdir(b,0755);
  for(int l=0;l<L;l++){snprintf(b,sizeof b,"%s/layers/l%d",R,l);mkdir(b,0755);}
  int n=0; int steps[]={0,8,16,32,64,128};
  for(int s=0;s<6;s++){
    for(;n<steps[s];n++){char cd[256];snprintf(cd,sizeof cd,"%s/c/%d-%d",R,n%64,n/64);mkdir(cd,0755);
      static char lower[65536]; lower[0]=0;for(int l=L-1;l>=0;l--){char one[300];snprintf(one,sizeof one,"%s%s/c/%d-%d/id%d",l==L-1?"":":",R,n%64,n/64,l);strcat(lower,one);
        snprintf(b,sizeof b,"%s/id%d",cd,l);mkdir(b,0755);snprintf(one,sizeof one,"%s/layers/l%d",R,l);if(mount(one,b,NULL,MS_BIND,NULL)) probe_fail(PROBE_FAILED, "bind");}
      static char opts[70000];snprintf(b,sizeof b,"%s/u",cd);mkdir(b,0755);snprintf(b,sizeof b,"%s/w",cd);mkdir(b,0755);snprintf(b,sizeof b,"%s/r",cd);mkdir(b,0755);
      snprintf(opts,sizeof opts,"lowerdir=%s,upperdir=%s/u,workdir=%s/w",lower,cd,cd);
      if(mount("overlay",b,"overlay",0,opts)) probe_fail(PROBE_FAILED, "mount overlay");
      for(int l=0;l<L;l++){snprintf(b,sizeof b,"%s/id%d",cd,l);umount2(b,MNT_DETACH);} }
    long by;double us=readcost(&by);
    printf("lowerdirs=%d overlays=%d bytes=%ld read_us=%.1f\n",L,n,by,us);
  }
  return probe_finish();
}

int main(int argc,char**argv){
  if (argc < 2) { fprintf(stderr, "usage: %s LOWERDIRS [LOWERDIRS...]\n", argv[0]); return PROBE_USAGE; }
  probe_private_mount_ns();
  for (int i = 1; i < argc; i++) {
    int L = atoi(argv[i]);
    if (L < 1 || L > 200) { fprintf(stderr, "lowerdirs 1-200\n"); return PROBE_USAGE; }
    int rc = probe_run_in_child(sweep, &L); if (rc) return rc;
  }
  return probe_finish();
}
