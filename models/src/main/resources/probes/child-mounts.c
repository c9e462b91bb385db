// mountsim calibration probe: open_tree(OPEN_TREE_CLONE) cost vs number of child mounts of the source mount.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int argc,char**argv){
  int maxn=atoi(argv[1]); const char*R="/tmp/mbc";
  mkdir(R,0755); if(mount("tmpfs",R,"tmpfs",0,"size=64m")){perror("tmpfs");return 1;}
  char b[256]; snprintf(b,sizeof b,"%s/src",R); mkdir(b,0755); snprintf(b,sizeof b,"%s/m",R); mkdir(b,0755);
  int n=0; int steps[]={0,100,500,1000,2000,4000,8000};
  for(int s=0;s<7 && steps[s]<=maxn;s++){
    for(;n<steps[s];n++){snprintf(b,sizeof b,"%s/m/%d",R,n); mkdir(b,0755); if(mount("none",b,"tmpfs",0,"size=1m")){perror("child");return 1;}}
    int reps=500; static int fds[500]; double t=0, tc=0;
    for(int r=0;r<4;r++){ double t0=now();
    for(int i=0;i<reps;i++){fds[i]=syscall(SYS_open_tree,AT_FDCWD,"/tmp/mbc/src",OPEN_TREE_CLONE); if(fds[i]<0){perror("open_tree");return 1;}}
    t+=now()-t0; t0=now(); for(int i=0;i<reps;i++) close(fds[i]); tc+=now()-t0;}
    t=t/(4*reps)*1e6; (void)tc;
    printf("children=%d open_tree_us=%.2f\n",n,t);
  }
  return 0;}
