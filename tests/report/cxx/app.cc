// app.cc -- tests/report case cxx: C++ functions whose names (the name
// section holds them demangled) contain commas, spaces, angle brackets and
// quotes' neighbours, so that the report's fname column and a map keyed
// by fname must be quoted.  No C++ library: built with -nostdlib++.
#include <stdio.h>

namespace ns {
struct A {
    __attribute__((noinline)) static int f(int a, int b) { return a + b; }
    __attribute__((noinline)) static int f(int a) { return a * 2; }
    template <typename T, typename U>
    __attribute__((noinline)) static T g(T t, U u) { return t + (T)u; }
};
} // namespace ns

__attribute__((noinline)) int h(const char *s) { return s[0]; }

int main()
{
    int s = 0;
    for (int i = 0; i < 3; i++)
        s += ns::A::f(i, 1);                      // 1 + 2 + 3
    s += ns::A::f(5);                             // 10
    s += (int)ns::A::g<long, char>(1L, 'a');      // 1 + 97
    s += h("\"q\"");                              // '"' = 34
    printf("sum %d\n", s);                        // 148
    return 0;
}
