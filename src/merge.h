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

struct merged		*merge_new(const struct resolution *);
void			 merge_free(struct merged *);
const struct eparam	*merge_get(struct merged *, const char *);
size_t			 merge_names(struct merged *, const char *const **);
void			 merge_check(struct merged *, struct findings *);
size_t			 merge_registrations(struct merged *, int **);
size_t			 merge_pin_names(struct merged *, char ***);
const char		*psource_name(enum psource);

#endif
