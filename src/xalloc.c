#include <err.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		err(2, NULL);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p;

	if ((p = calloc(nmemb == 0 ? 1 : nmemb, size == 0 ? 1 : size)) == NULL)
		err(2, NULL);
	return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		errx(2, "allocation too large");
	if ((p = realloc(p, nmemb * size == 0 ? 1 : nmemb * size)) == NULL)
		err(2, NULL);
	return p;
}

/* OpenBSD's recallocarray: what grows from oldnmemb to nmemb is zeroed. */
void *
xrecallocarray(void *p, size_t oldnmemb, size_t nmemb, size_t size)
{
	p = xreallocarray(p, nmemb, size);
	if (nmemb > oldnmemb)
		memset((char *)p + oldnmemb * size, 0, (nmemb - oldnmemb) *
		    size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	n = strnlen(s, n);
	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		err(2, NULL);
	va_end(ap);
	return s;
}

/*
 * The strings up to a NULL, joined: what the per-phone paths and names
 * need, at a fraction of vasprintf's cost.
 */
char *
xconcat(const char *s, ...)
{
	va_list		 ap;
	const char	*p;
	char		*out, *q;
	size_t		 len = 0;

	va_start(ap, s);
	for (p = s; p != NULL; p = va_arg(ap, const char *))
		len += strlen(p);
	va_end(ap);
	q = out = xmalloc(len + 1);
	va_start(ap, s);
	for (p = s; p != NULL; p = va_arg(ap, const char *))
		q = stpcpy(q, p);
	va_end(ap);
	return out;
}
