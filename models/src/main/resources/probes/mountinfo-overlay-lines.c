// mountsim calibration probe: cost of one full read of /proc/self/mountinfo vs overlay mounts with L lowerdirs (mountbench-like paths).
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static char buf[1<<20];
static double readcost(long *bytes){int fd=open("/proc/self/mountinfo",O_RDONLY);double best=1e9;
 for(int r=0;r<20;r++){lseek(fd,0,SEEK_SET);double t0=now();long n,tot=0;while((n=read(fd,buf,1<<16))>0)tot+=n;double t=now()-t0;if(t<best)best=t;*bytes=tot;}
 close(fd); return best*1e6;}
int main(int argc,char**argv){
  int L=atoi(argv[1]); const char*R="/tmp/mb"; char b[512];
  mkdir(R,0755); if(mount("tmpfs",R,"tmpfs",0,"size=64m")){perror("tmpfs");return 1;}
  snprintf(b,sizeof b,"%s/layers",R);mkdir(b,0755); snprintf(b,sizeof b,"%s/c",R);mkdir(b,0755);
  for(int l=0;l<L;l++){snprintf(b,sizeof b,"%s/layers/l%d",R,l);mkdir(b,0755);}
  int n=0; int steps[]={0,8,16,32,64,128};
  for(int s=0;s<6;s++){
    for(;n<steps[s];n++){char cd[256];snprintf(cd,sizeof cd,"%s/c/%d-%d",R,n%64,n/64);mkdir(cd,0755);
      char lower[65536]="";for(int l=L-1;l>=0;l--){char one[300];snprintf(one,sizeof one,"%s%s/c/%d-%d/id%d",l==L-1?"":":",R,n%64,n/64,l);strcat(lower,one);
        snprintf(b,sizeof b,"%s/id%d",cd,l);mkdir(b,0755);snprintf(one,sizeof one,"%s/layers/l%d",R,l);if(mount(one,b,NULL,MS_BIND,NULL)){perror("bind");return 1;}}
      char opts[70000];snprintf(b,sizeof b,"%s/u",cd);mkdir(b,0755);snprintf(b,sizeof b,"%s/w",cd);mkdir(b,0755);snprintf(b,sizeof b,"%s/r",cd);mkdir(b,0755);
      snprintf(opts,sizeof opts,"lowerdir=%s,upperdir=%s/u,workdir=%s/w",lower,cd,cd);
      if(mount("overlay",b,"overlay",0,opts)){perror("ovl");return 1;}
      for(int l=0;l<L;l++){snprintf(b,sizeof b,"%s/id%d",cd,l);umount2(b,MNT_DETACH);} }
    long by;double us=readcost(&by);
    printf("lowerdirs=%d overlays=%d bytes=%ld read_us=%.1f\n",L,n,by,us);
  }
  return 0;}
