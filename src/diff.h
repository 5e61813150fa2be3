/*
 * The diff: per parameter, the share's effective value beside the value
 * the phone runs, a verdict and the most likely reason they differ.
 */
#ifndef DIFF_H
#define DIFF_H

#include <stddef.h>

#include "strpool.h"

struct eparam;
struct merged;
struct phone_result;

enum verdict {
	V_MATCH,
	V_DRIFT,
	V_NOT_ON_PHONE,		/* the firmware does not know the name */
	V_PHONE_ONLY,		/* the share does not set it; the phone does */
	V_ERROR,
	V_COUNT
};

struct diffrow {
	const struct eparam	*share;		/* borrowed from the merge */
	const char		*phone_value;	/* borrowed; NULL if unknown */
	const char		*phone_source;	/* borrowed; NULL if unknown */
	int			 listed;	/* unknown, in InvalidParams */
	enum verdict		 verdict;
	const char		*reason;	/* NULL for a plain match */
};

struct diff {
	struct diffrow	*rows;
	size_t		 n;
	size_t		 count[V_COUNT];
	struct strpool	 text;		/* the reasons that are not static */
};

void		 diff_phone(struct merged *, const char *const *, size_t,
		    const struct phone_result *, struct diff *);
void		 diff_free(struct diff *);
const char	*verdict_name(enum verdict);

#endif
