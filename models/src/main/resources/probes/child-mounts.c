// mountsim probe kit: child-mounts, open_tree(OPEN_TREE_CLONE) cost vs number of child mounts
// of the source mount.
//
// WHAT: open_tree(OPEN_TREE_CLONE) -> open_detached_copy() -> __do_loopback(), under
// namespace_sem (write): for a non-recursive clone, has_locked_children() walks every child
// mount of the source mount and runs is_subdir() on each (fs/namespace.c). containerd's
// idmapped layer mounts are children of the layer store's mount, so this walk grows with
// the running containers (KernelProfiles.CHILD_MOUNT_CHECK_US is the slope of this line).
//
// HOW: a private tmpfs at /tmp/mbc holds src/ and m/; tmpfs child mounts are added under
// m/ in steps (0, 100, 500, 1000, 2000, 4000, 8000, up to MAX). At each step: 4 rounds of
// 500 open_tree(OPEN_TREE_CLONE) calls on src/ (CLOCK_MONOTONIC around each round; the
// 500 fds are closed outside the timed part); the row is the mean over the 2000 calls.
// No warm-up beyond the steps before. RUNS repeats the whole sweep, each in a fresh child
// process and private mount namespace.
//
// ROWS: children=N open_tree_us=X   (one per step, per run)
// usage: child-mounts MAX [RUNS]
#include "probe.h"

static const char *R = "/tmp/mbc";
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}

static int sweep(void *arg) {
  int maxn = *(int *)arg;
  mkdir(R,0755); if(mount("tmpfs",R,"tmpfs",0,"size=64m")) probe_fail(errno == EPERM ? PROBE_NOT_PRIVILEGED : PROBE_FAILED, "tmpfs");
  char b[256]; snprintf(b,sizeof b,"%s/src",R); mkdir(b,0755); snprintf(b,sizeof b,"%s/m",R); mkdir(b,0755);
  int n=0; int steps[]={0,100,500,1000,2000,4000,8000};
  for(int s=0;s<7 && steps[s]<=maxn;s++){
    for(;n<steps[s];n++){snprintf(b,sizeof b,"%s/m/%d",R,n); mkdir(b,0755); if(mount("none",b,"tmpfs",0,"size=1m")) probe_fail(PROBE_FAILED, "child");}
    int reps=500; static int fds[500]; double t=0;
    for(int r=0;r<4;r++){ double t0=now();
    for(int i=0;i<reps;i++){fds[i]=syscall(SYS_open_tree,AT_FDCWD,"/tmp/mbc/src",OPEN_TREE_CLONE); if(fds[i]<0) probe_fail(errno == ENOSYS ? PROBE_NO_MOUNT_API : PROBE_FAILED, "open_tree");}
    t+=now()-t0; for(int i=0;i<reps;i++) close(fds[i]);}
    t=t/(4*reps)*1e6;
    printf("children=%d open_tree_us=%.2f\n",n,t);
  }
  return probe_finish();
}

int main(int argc,char**argv){
  if (argc < 2 || argc > 3 || atoi(argv[1]) < 0) { fprintf(stderr, "usage: %s MAX_CHILDREN [RUNS]\n", argv[0]); return PROBE_USAGE; }
  probe_private_mount_ns();
  int maxn=atoi(argv[1]), runs = argc > 2 ? atoi(argv[2]) : 1;
  for (int r = 0; r < runs; r++) { int rc = probe_run_in_child(sweep, &maxn); if (rc) return rc; }
  return probe_finish();
}
