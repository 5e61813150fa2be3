/*
 * Merging with provenance: the effective value of a parameter for one
 * phone, the file and line it comes from, and every value it shadows.
 * Strings are borrowed from the resolution and its share: free the merge
 * first.
 */
#ifndef MERGE_H
#define MERGE_H

#include <stddef.h>

#include "findings.h"
#include "resolve.h"

enum psource {
	PSRC_PHONE_OVERRIDE,
	PSRC_WEB_OVERRIDE,
	PSRC_CONFIG,
	PSRC_DEFAULT,
	PSRC_UNSET,
	PSRC_NOT_APPLIED,	/* device.* whose .set gates are not 1 */
};

struct origin {
	const char	*name;		/* as set: may be name.<MODEL> */
	const char	*value;
	const char	*file;
	int		 line;
	enum role	 role;
};

struct eparam {
	char		*name;
	const char	*value;		/* NULL when unset */
	enum psource	 source;
	const char	*setname;	/* the name the winner set; NULL if none */
	const char	*file;		/* NULL for default and unset */
	int		 line;
	const char	*note;		/* static: why not applied, which default */
	struct origin	*shadowed;	/* in precedence order */
	size_t		 nshadowed;
};

struct merged;

/*
 * Rule 10, the defaults polyaudit knows: for a parameter no applicable
 * file sets, merge.c asks each entry in turn; get() returns 1 with the
 * value and a note (both static) when its rule has a default.  The table
 * lives with the rules it serves (pin.c).
 */
struct merge_default {
	int	(*get)(struct merged *, const char *, const char **,
		    const char **);
};

extern const struct merge_default merge_defaults[];

struct merged		*merge_new(const struct resolution *);
void			 merge_free(struct merged *);
const struct eparam	*merge_get(struct merged *, const char *);
size_t			 merge_names(struct merged *, const char *const **);
void			 merge_check(struct merged *, struct findings *);
const char		*merge_applied(struct merged *, const char *,
			    const struct eparam **);
const struct resolution	*merge_resolution(const struct merged *);
const char		*psource_name(enum psource);

#endif
