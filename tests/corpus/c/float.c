/* float.c -- floating point (f32 and f64): series for pi, Newton's method
 * square root compared with sqrt() (it ends one ulp off: "equal = 0"), a Taylor
 * series sine, float-vs-double precision effects, rounding and conversions
 * (trunc/floor/ceil/rint, float<->int), special values (inf, NaN tests,
 * -0.0), and printf %f/%e/%g/%a formatting.  Avoids libm transcendental
 * functions and printing NaNs produced by arithmetic (their sign differs
 * between x86 and wasm), so native and wasm output are identical.
 * Deterministic; exit code 0. */
#include <float.h>
#include <math.h>
#include <stdio.h>

static double newton_sqrt(double x) {
  double g = x / 2;
  for (int i = 0; i < 60; i++) g = 0.5 * (g + x / g);
  return g;
}

static double taylor_sin(double x) {
  double term = x, sum = x;
  for (int n = 1; n < 20; n++) {
    term *= -x * x / ((2 * n) * (2 * n + 1));
    sum += term;
  }
  return sum;
}

int main(void) {
  double pi4 = 0;
  for (int k = 0; k < 1000000; k++) pi4 += (k % 2 ? -1.0 : 1.0) / (2 * k + 1);
  printf("leibniz pi ~ %.6f\n", 4 * pi4);

  double wallis = 1;
  for (int n = 1; n <= 1000; n++) wallis *= (4.0 * n * n) / (4.0 * n * n - 1);
  printf("wallis pi ~ %.4f\n", 2 * wallis);

  printf("newton_sqrt(2) = %.12f, sqrt(2) = %.12f, equal = %d\n", newton_sqrt(2), sqrt(2), newton_sqrt(2) == sqrt(2));
  printf("sqrt(1e10) = %.1f, sqrtf(2) = %.7f\n", sqrt(1e10), (double)sqrtf(2.0f));
  printf("taylor_sin(1) = %.9f, taylor_sin(pi/6) = %.9f\n", taylor_sin(1.0), taylor_sin(3.14159265358979323846 / 6));

  double tenth = 0;
  for (int i = 0; i < 10; i++) tenth += 0.1;
  printf("0.1*10 summed = %.17g (== 1.0: %d)\n", tenth, tenth == 1.0);
  float big = 16777216.0f;
  printf("16777216f + 1 = %.1f, double: %.1f\n", (double)(big + 1.0f), (double)big + 1.0);
  printf("FLT_EPSILON = %g, DBL_EPSILON = %g\n", (double)FLT_EPSILON, DBL_EPSILON);
  printf("DBL_MAX = %g, DBL_MIN = %g, denorm = %g\n", DBL_MAX, DBL_MIN, DBL_MIN / 4);

  double vals[] = {-3.7, -2.5, -0.5, 0.5, 1.5, 2.5, 3.7};
  for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
    double v = vals[i];
    printf("v=%4.1f trunc=%4.1f floor=%4.1f ceil=%4.1f rint=%4.1f (int)=%d\n", v, trunc(v), floor(v), ceil(v),
           rint(v), (int)v);
  }
  printf("(unsigned)3e9 = %u, (long long)-1e18 = %lld, (float)16777217 = %.1f\n", (unsigned)3e9,
         (long long)-1e18, (double)(float)16777217);
  printf("(double)(1ULL<<63) = %.1f\n", (double)(1ULL << 63));

  double zero = 0.0, inf = 1.0 / zero, nan_v = NAN;
  printf("inf = %f, -inf = %f, inf > DBL_MAX = %d\n", inf, -inf, inf > DBL_MAX);
  printf("isnan(NAN) = %d, NAN == NAN = %d, isinf = %d, isnan(inf - inf) = %d\n", isnan(nan_v) != 0,
         nan_v == nan_v, isinf(inf) != 0, isnan(inf - inf) != 0);
  double nz = -0.0;
  printf("-0.0 = %.1f, -0.0 == 0.0 = %d, signbit = %d, 1/-0.0 = %f\n", nz, nz == 0.0, signbit(nz) != 0, 1 / nz);
  printf("fmin/fmax: %.1f %.1f, fabs(-2.25) = %.2f, copysign = %.1f\n", fmin(1.5, -2.0), fmax(1.5, -2.0), fabs(-2.25),
         copysign(3.0, -0.0));
  printf("%%e: %e  %%g: %g %g %g  %%a: %a\n", 12345.678, 0.0001234, 123456789.0, 100.0, 1.0);
  printf("%%.3f of 2.0005 = %.3f, of 2.00049 = %.3f\n", 2.0005, 2.00049);
  float f = 1.0f / 3.0f;
  double d = 1.0 / 3.0;
  printf("1/3 float = %.9g, double = %.17g\n", (double)f, d);
  return 0;
}
