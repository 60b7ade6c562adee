/* zs.h -- a zlib-shaped tiny library for the cmake-shared integration
 * test: an Adler-32 checksum (zlib's adler32(), without its speed-ups) and a
 * version string.  Built twice by CMakeLists.txt, STATIC and SHARED, the
 * way zlib's CMakeLists.txt builds zlibstatic and zlib. */
#ifndef ZS_H
#define ZS_H

#include <stddef.h>

unsigned long zs_adler32(unsigned long adler, const unsigned char *buf, size_t len);
const char *zs_version(void);

#endif
