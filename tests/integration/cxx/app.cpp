// app.cpp -- the C++ integration test's program (tests/integration/cxx):
// classes with virtual functions, overloaded functions, a class template
// used with two types, std::vector, std::string, std::map, iostream and
// printf.  Built without exceptions (whamm-clang++'s default).  Its output
// is expected-output.txt; the calls of geo's functions are counted in
// expected-report.txt.
#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "geo.hpp"

// Counts the words of `text` (separated by spaces).
static std::map<std::string, int> word_counts(const std::string &text)
{
    std::map<std::string, int> counts;
    std::istringstream in(text);
    std::string w;
    while (in >> w)
        counts[w]++;
    return counts;
}

int main()
{
    std::vector<geo::Circle> circles{geo::Circle(1), geo::Circle(2),
                                     geo::Circle(0.5)};
    std::vector<geo::Rect> rects{geo::Rect(2, 3), geo::Rect(4, 0.25)};
    std::vector<const geo::Shape *> shapes;
    for (const geo::Circle &c : circles) {
        std::cout << geo::describe(c) << '\n';
        shapes.push_back(&c);
    }
    for (const geo::Rect &r : rects) {
        std::cout << geo::describe(r) << '\n';
        shapes.push_back(&r);
    }

    geo::Stats<double> areas;
    for (const geo::Shape *s : shapes)
        areas.add(s->area());        // virtual: Circle's or Rect's
    std::printf("%zu shapes, total area %.2f\n", areas.count(), areas.sum());

    geo::Stats<int> scaled;
    for (int i = 1; i <= 4; i++)
        scaled.add(geo::scale(i));   // scale(int)
    std::printf("scaled ints: %d, scaled double: %.3f\n", scaled.sum(),
                geo::scale(areas.sum()));

    for (const auto &wn : word_counts("the cat saw the dog and the bird"))
        std::cout << wn.first << ' ' << wn.second << '\n';
    return 0;
}
