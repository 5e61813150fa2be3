/*
 * JSON text written straight into a buffer, byte for byte as jansson
 * dumps the same values compactly, for output that has one fixed shape
 * per line (scan's JSON Lines): building jansson objects only to dump
 * them cost more than the rest of a scan's row.  A zeroed struct jsonw
 * is an empty buffer.
 */
#ifndef JSONW_H
#define JSONW_H

#include <stddef.h>
#include <string.h>

struct jsonw {
	char	*buf;
	size_t	 len;
	size_t	 cap;
};

char	*jsonw_grow(struct jsonw *, size_t);
void	jsonw_str(struct jsonw *, const char *);
void	jsonw_int(struct jsonw *, long long);
void	jsonw_free(struct jsonw *);

/* Where n more bytes go: inline, as a row asks for room a dozen times. */
static inline char *
jsonw_room(struct jsonw *w, size_t n)
{
	return w->cap - w->len >= n ? w->buf + w->len : jsonw_grow(w, n);
}

static inline void
jsonw_raw(struct jsonw *w, const char *s, size_t n)
{
	memcpy(jsonw_room(w, n), s, n);
	w->len += n;
}

/* A literal: its length is known, so the copy is a few moves. */
#define JSONW_LIT(w, s)	jsonw_raw((w), (s), sizeof(s) - 1)

#endif
