#include <immintrin.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
static double now(){struct timespec t;clock_gettime(CLOCK_REALTIME,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int c,char**v){int n=atoi(v[1]); /* floats */ double secs=atof(v[2]);
 float*a=aligned_alloc(64,n*4); for(int i=0;i<n;i++)a[i]=1e-3f*(i%7);
 __m512 acc[8]; for(int i=0;i<8;i++)acc[i]=_mm512_setzero_ps(); __m512 m=_mm512_set1_ps(0.999f);
 double t0=now(),end=t0+secs;
 while(now()<end){double s=now();long iters=0; while(now()-s<0.2){for(int i=0;i<n;i+=128){for(int j=0;j<8;j++)acc[j]=_mm512_fmadd_ps(acc[j],m,_mm512_load_ps(a+i+16*j));} iters++;}
  double e=now()-s; printf("%.2f %.1f\n", s, iters*(double)n*4/e/1e9); fflush(stdout);}
 float r=0;for(int i=0;i<8;i++)r+=_mm512_reduce_add_ps(acc[i]); printf("\n[%g]\n",r);}
