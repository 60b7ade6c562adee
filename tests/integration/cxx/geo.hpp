// geo.hpp -- the C++ integration test's library (tests/integration/cxx):
// a class hierarchy with virtual functions, overloaded free functions and a
// class template, all in namespace geo.  The functions whose calls the
// test counts are NOINLINE: each call stays a call at any optimisation
// level, so the counts in expected-report.txt follow from app.cpp alone.
#ifndef GEO_HPP
#define GEO_HPP

#include <cstddef>
#include <string>
#include <vector>

#define NOINLINE __attribute__((noinline))

namespace geo {

class Shape {
public:
    virtual ~Shape() = default;
    virtual double area() const = 0;
};

class Circle : public Shape {
public:
    explicit Circle(double r) : r_(r) {}
    NOINLINE double area() const override { return 3.0 * r_ * r_; }
    double radius() const { return r_; }

private:
    double r_;
};

class Rect : public Shape {
public:
    Rect(double w, double h) : w_(w), h_(h) {}
    NOINLINE double area() const override { return w_ * h_; }
    double width() const { return w_; }
    double height() const { return h_; }

private:
    double w_, h_;
};

// Overloads: one name, told apart by their parameter types (the report
// shows them as `geo::describe(geo::Circle const&)`, ...).
std::string describe(const Circle &c);
std::string describe(const Rect &r);
int scale(int x);
double scale(double x);

// A running total of any number type.
template <typename T> class Stats {
public:
    NOINLINE void add(T x) { items_.push_back(x); }
    T sum() const
    {
        T s = 0;
        for (T x : items_)
            s += x;
        return s;
    }
    std::size_t count() const { return items_.size(); }

private:
    std::vector<T> items_;
};

} // namespace geo

#endif
