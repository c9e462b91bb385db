#include <pthread.h>
#include <stdlib.h>
#include <time.h>
static double ms; static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e3+t.tv_nsec/1e6;}
static void*spin(void*a){double e=now()+ms;volatile long x=0;while(now()<e)x++;return 0;}
int main(int c,char**v){ms=atof(v[1]);int n=atoi(v[2]);pthread_t t[64];for(int i=0;i<n;i++)pthread_create(&t[i],0,spin,0);for(int i=0;i<n;i++)pthread_join(t[i],0);return 0;}
