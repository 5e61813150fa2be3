/*
 * Blocks grow from STRPOOL_FIRST to STRPOOL_MOST bytes; a string longer
 * than the next block would be gets a block of its own behind the head,
 * so the head's room is not lost.
 */
#include <err.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strpool.h"
#include "xalloc.h"

#define STRPOOL_FIRST	256
#define STRPOOL_MOST	(64u << 10)

struct strpool_block {
	struct strpool_block	*next;
	size_t			 used;
	size_t			 size;
	char			 text[];
};

/* Free bytes in the head block. */
static size_t
room(const struct strpool *sp)
{
	return sp->head == NULL ? 0 : sp->head->size - sp->head->used;
}

/* n bytes of the pool, taken. */
static char *
take(struct strpool *sp, size_t n)
{
	struct strpool_block	*b, *head = sp->head;
	size_t			 size;

	if (room(sp) < n) {
		size = head == NULL ? STRPOOL_FIRST : head->size * 2;
		if (size > STRPOOL_MOST)
			size = STRPOOL_MOST;
		if (n > size)
			size = n;
		b = xmalloc(offsetof(struct strpool_block, text) + size);
		b->used = 0;
		b->size = size;
		if (head != NULL && size == n) {
			b->next = head->next;
			head->next = b;
		} else {
			b->next = head;
			sp->head = b;
		}
	} else
		b = head;
	b->used += n;
	return b->text + b->used - n;
}

/*
 * n zeroed elements of size bytes, aligned for any type: the arrays that
 * die with the strings.
 */
void *
strpool_calloc(struct strpool *sp, size_t n, size_t size)
{
	size_t	 align = _Alignof(max_align_t);
	char	*p;

	if (size != 0 && n > (SIZE_MAX - align) / size)
		errx(2, "allocation too large");
	/* Room for them wherever the block's next free byte falls. */
	p = take(sp, n * size + align - 1);
	p += -(uintptr_t)p & (align - 1);
	memset(p, 0, n * size);
	return p;
}

char *
strpool_ndup(struct strpool *sp, const char *s, size_t n)
{
	char	*p;

	n = strnlen(s, n);
	p = take(sp, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
strpool_dup(struct strpool *sp, const char *s)
{
	return s == NULL ? NULL : strpool_ndup(sp, s, strlen(s));
}

/*
 * Formatted into the head block's room when it fits, else formatted
 * again into room taken for it.  NULL when vsnprintf fails.
 */
char *
strpool_vprintf(struct strpool *sp, const char *fmt, va_list ap)
{
	va_list	 again;
	size_t	 have = room(sp);
	char	*p;
	int	 len;

	va_copy(again, ap);
	len = vsnprintf(have ? sp->head->text + sp->head->used : NULL, have,
	    fmt, ap);
	if (len < 0)
		p = NULL;
	else if ((size_t)len < have)
		p = take(sp, (size_t)len + 1);
	else {
		p = take(sp, (size_t)len + 1);
		vsnprintf(p, (size_t)len + 1, fmt, again);
	}
	va_end(again);
	return p;
}

char *
strpool_printf(struct strpool *sp, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = strpool_vprintf(sp, fmt, ap);
	va_end(ap);
	return p;
}

void
strpool_free(struct strpool *sp)
{
	struct strpool_block	*b, *next;

	for (b = sp->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	sp->head = NULL;
}
