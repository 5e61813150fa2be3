/*
 * Fleet inventories: one phone per line, "host[:port] [mac] [model]",
 * '#' comments and blank lines ignored.  A bad line becomes a finding
 * naming its line and is skipped.
 */
#ifndef INVENTORY_H
#define INVENTORY_H

#include <stddef.h>

#include "findings.h"
#include "mac.h"

#define INVENTORY_MAX	(16u << 20)	/* bytes read at most */

struct inv_entry {
	char		*host;		/* without brackets for IPv6 */
	unsigned	 port;		/* 0 when not given */
	char		 mac[MAC_LEN + 1];	/* "" when not given */
	char		*model;		/* NULL when not given */
	int		 line;
};

struct inventory {
	struct inv_entry	*v;
	size_t			 n;
};

void	inventory_parse(const char *, size_t, const char *,
	    struct inventory *, struct findings *);
int	inventory_read(const char *, struct inventory *, struct findings *,
	    char **);
void	inventory_free(struct inventory *);
int	inventory_hostport(const char *, char **, unsigned *, const char **);

#endif
