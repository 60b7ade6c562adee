// geo.cpp -- see geo.hpp.  Built as a static library by CMakeLists.txt.
#include "geo.hpp"

#include <cstdio>

namespace geo {

std::string describe(const Circle &c)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "circle r=%g", c.radius());
    return buf;
}

std::string describe(const Rect &r)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "rect %gx%g", r.width(), r.height());
    return buf;
}

int scale(int x) { return 10 * x; }

double scale(double x) { return x / 2; }

} // namespace geo
