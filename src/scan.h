/*
 * Finding the phones a share describes: every <mac>.cfg and every
 * override file a phone uploaded, in the root and in the overrides
 * directories the masters name.
 */
#ifndef SCAN_H
#define SCAN_H

#include <stddef.h>

#include "mac.h"

struct share;
struct strmap;

struct phonelist {
	char	(*mac)[MAC_LEN + 1];	/* sorted, unique */
	size_t	  n;
};

int	scan_phones(struct share *, struct phonelist *, char **);
char	*scan_override_file(struct share *, const char *);
void	phonelist_from(struct phonelist *, const struct strmap *);
void	phonelist_free(struct phonelist *);

#endif
