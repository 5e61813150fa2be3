/*
 * The version line of --version: polyaudit's own and, as curl -V does,
 * the version of each library as it runs (not as it was built against).
 */
#ifndef VERSION_H
#define VERSION_H

#include <stdio.h>

void	version_print(FILE *);

#endif
