/*
 * String pools: strings that live and die together, copied into a few
 * blocks and freed at once.  A collection of records (findings, an
 * inventory, a store's pending rows) owns one pool for its records'
 * text, so a record has nothing of its own to free.
 *
 * Strings (and arrays) from a pool are the pool's: never free or realloc
 * one; each lasts until strpool_free().  A zeroed struct strpool is an empty pool,
 * and strpool_free() leaves it empty again.
 */
#ifndef STRPOOL_H
#define STRPOOL_H

#include <stdarg.h>
#include <stddef.h>

struct strpool_block;

struct strpool {
	struct strpool_block	*head;		/* being filled; or NULL */
};

char	*strpool_dup(struct strpool *, const char *);	/* NULL: NULL */
char	*strpool_ndup(struct strpool *, const char *, size_t);
void	*strpool_calloc(struct strpool *, size_t, size_t);
char	*strpool_printf(struct strpool *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*strpool_vprintf(struct strpool *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 strpool_free(struct strpool *);

#endif
