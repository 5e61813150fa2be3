/*
 * Strings from outside (share, phone, server, DHCP answer) made visible
 * for text and CSV output, so that one value is always one cell on one
 * line and no byte reaches the terminal as a control: C0 controls, DEL
 * and the C1 code points become \n, \r, \t, \xHH, \u00HH; a backslash
 * becomes \\ so that the form is unambiguous; each byte that is not part
 * of well-formed UTF-8 becomes \xHH (a lone 0x9b is CSI to an 8-bit
 * terminal).  JSON does not use this: it keeps the exact value.
 */
#ifndef VIS_H
#define VIS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* A line built in memory, to be written at once; owned by the caller. */
struct vis_buf {
	char	*b;
	size_t	 n, size;
};

/* The most bytes vis_encode() writes for one input byte. */
#define VIS_MAX	4

size_t	vis_utf8_len(const unsigned char *, size_t);
size_t	vis_cut(const char *, size_t, size_t);
size_t	vis_encode(char *, const char *, size_t);
size_t	vis_width(const char *);
int	vis_plain(const char *, size_t);
size_t	vis_fit(const char *, size_t, size_t *);
void	vis_write(FILE *, const char *, size_t);
void	vis_grow(struct vis_buf *, size_t);
size_t	vis_append_escaped(struct vis_buf *, const char *, size_t, size_t,
	    size_t *);
void	vis_csv(FILE *, const char *);
int	vis_fprintf(FILE *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	vis_vfprintf(FILE *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

/*
 * Append the len bytes at s as they are; len spaces for s NULL.  Inline:
 * a scan row is a dozen of them.  Not for len 0 before vb->b is there.
 */
static inline void
vis_put(struct vis_buf *vb, const char *s, size_t len)
{
	if (len > vb->size - vb->n)
		vis_grow(vb, len);
	if (s == NULL)
		memset(vb->b + vb->n, ' ', len);
	else
		memcpy(vb->b + vb->n, s, len);
	vb->n += len;
}

/*
 * Append the visible form of the longest start of the len bytes at s
 * that takes at most max columns, never part of a unit: *fit gets its
 * bytes; returns its columns.  Plain bytes (most) go in without a look
 * at each: they are one column each.
 */
static inline size_t
vis_append(struct vis_buf *vb, const char *s, size_t len, size_t max,
    size_t *fit)
{
	*fit = len < max ? len : max;
	if (!vis_plain(s, *fit))
		return vis_append_escaped(vb, s, len, max, fit);
	vis_put(vb, s, *fit);
	return *fit;
}

#endif
