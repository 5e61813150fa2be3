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
#include "strpool.h"

#define INVENTORY_MAX	(16u << 20)	/* bytes read at most */

/* An entry's strings are its inventory's (inv->text). */
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
	struct strpool		 text;	/* the entries' strings */
};

void	inventory_parse(const char *, size_t, const char *,
	    struct inventory *, struct findings *);
int	inventory_read(const char *, struct inventory *, struct findings *,
	    char **);
void	inventory_free(struct inventory *);
int	inventory_hostport(const char *, char **, unsigned *, const char **);
int	inventory_one(const char *, const char *, struct inventory *,
	    const char **);

#endif
