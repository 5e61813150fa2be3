/*
 * Allocation wrappers.  Out of memory is fatal here and only here, so no
 * caller checks for NULL after allocating.
 */
#ifndef XALLOC_H
#define XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
void	*xrecallocarray(void *, size_t, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
char	*xconcat(const char *, ...) __attribute__((sentinel));

#endif
