/*
 * The names set in a run of files the share keeps (the site files every
 * phone lists), indexed once for all the phones that list the same run:
 * a merge then finds a name's occurrences there with one look-up instead
 * of one per file.
 */
#ifndef RUNINDEX_H
#define RUNINDEX_H

#include <stddef.h>
#include <stdint.h>

#define RUN_NONE	UINT32_MAX

struct chainfile;
struct share;

/* One occurrence: the file's place in the run, the parameter in it. */
struct runocc {
	uint32_t	file;
	uint32_t	param;
	uint32_t	next;		/* the next occurrence, or RUN_NONE */
};

struct runindex;

const struct runindex	*runindex_get(struct share *,
			    const struct chainfile *, size_t);
uint32_t		 runindex_first(const struct runindex *, const char *,
			    uint32_t);
const struct runocc	*runindex_occ(const struct runindex *, uint32_t);

#endif
