#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vis.h"
#include "xalloc.h"

/*
 * Length of the well-formed UTF-8 sequence at s (at most len bytes), or 0.
 * Overlong forms, surrogates and code points beyond U+10FFFF are not
 * UTF-8 (RFC 3629), as jansson also judges.
 */
size_t
vis_utf8_len(const unsigned char *s, size_t len)
{
	size_t		n, i;
	unsigned int	c;

	if (len == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return n;
}

/*
 * The length of the longest start of s (len bytes) that is at most max
 * bytes and splits no UTF-8 character: where an excerpt is cut.  A byte
 * that is not UTF-8 is a unit of its own, as vis_encode() shows it.
 */
size_t
vis_cut(const char *s, size_t len, size_t max)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n = 0, k;

	while (n < len) {
		if ((k = vis_utf8_len(u + n, len - n)) == 0)
			k = 1;
		if (n + k > max)
			break;
		n += k;
	}
	return n;
}

/*
 * The unit at s: *used gets its length; returns 0 if it prints as it is,
 * else the length of its visible form, written to out.  Besides C0, DEL
 * and C1, the line and paragraph separators and the bidirectional
 * overrides are shown: they break or reorder a line on screen.
 */
static size_t
unit(const unsigned char *s, size_t len, char out[VIS_MAX * 3],
    size_t *used)
{
	static const char	hex[] = "0123456789abcdef";
	unsigned int		c;
	size_t			n;

	*used = 1;
	if (s[0] >= 0x20 && s[0] < 0x7f && s[0] != '\\')
		return 0;
	if (s[0] == '\\' || s[0] == '\n' || s[0] == '\r' || s[0] == '\t') {
		out[0] = '\\';
		out[1] = s[0] == '\n' ? 'n' : s[0] == '\r' ? 'r' :
		    s[0] == '\t' ? 't' : '\\';
		return 2;
	}
	if (s[0] < 0x80 || (n = vis_utf8_len(s, len)) == 0) {
		memcpy(out, "\\x", 2);
		out[2] = hex[s[0] >> 4];
		out[3] = hex[s[0] & 0xf];
		return 4;
	}
	*used = n;
	if (n == 2)
		c = (s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	else if (n == 3)
		c = (s[0] & 0x0f) << 12 | (s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	else
		return 0;
	if (!(c <= 0x9f || c == 0x2028 || c == 0x2029 ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)))
		return 0;
	memcpy(out, "\\u", 2);
	out[2] = hex[c >> 12];
	out[3] = hex[c >> 8 & 0xf];
	out[4] = hex[c >> 4 & 0xf];
	out[5] = hex[c & 0xf];
	return 6;
}

/*
 * The visible form of the len bytes at s, written to dst (room for
 * VIS_MAX * len bytes; not terminated).  Returns its length.  This is the
 * one place that decides what is shown how.
 */
size_t
vis_encode(char *dst, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, o = 0, used, k;

	while (i < len) {
		if ((k = unit(p + i, len - i, dst + o, &used)) == 0) {
			memcpy(dst + o, p + i, used);
			k = used;
		}
		o += k;
		i += used;
	}
	return o;
}

/*
 * Columns a printable code point takes on a terminal: 0 for combining
 * marks and zero-width characters, 2 for East Asian wide and fullwidth
 * forms and emoji, else 1 (the ranges of Markus Kuhn's wcwidth, in short).
 */
static size_t
columns(unsigned int c)
{
	static const unsigned int zero[][2] = {
		{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
		{ 0x0610, 0x061a }, { 0x064b, 0x065f }, { 0x1ab0, 0x1aff },
		{ 0x1dc0, 0x1dff }, { 0x200b, 0x200f }, { 0x20d0, 0x20ff },
		{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff },
	};
	static const unsigned int wide[][2] = {
		{ 0x1100, 0x115f }, { 0x2e80, 0x303e }, { 0x3041, 0x33ff },
		{ 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xa000, 0xa4cf },
		{ 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe30, 0xfe4f },
		{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f },
		{ 0x1f900, 0x1f9ff }, { 0x20000, 0x3fffd },
	};
	size_t	i;

	for (i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
		if (c >= zero[i][0] && c <= zero[i][1])
			return 0;
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (c >= wide[i][0] && c <= wide[i][1])
			return 2;
	return 1;
}

/* Columns the unit of n bytes at s takes when it prints as it is. */
static size_t
unit_columns(const unsigned char *s, size_t n)
{
	unsigned int	c;
	size_t		i;

	if (n == 1)
		return 1;
	c = s[0] & (0xff >> (n + 1));
	for (i = 1; i < n; i++)
		c = c << 6 | (s[i] & 0x3f);
	return columns(c);
}

/*
 * The columns the visible form of the len bytes at s takes on screen: an
 * escape counts its characters, UTF-8 its display width.  With max not
 * SIZE_MAX, stop before the unit that would pass max columns; *fit (if
 * not NULL) gets the bytes of s that fit, never part of a unit.
 */
static size_t
measure(const char *s, size_t len, size_t max, size_t *fit)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			 esc[VIS_MAX * 3];
	size_t			 i = 0, w = 0, used, k;

	while (i < len) {
		k = unit(p + i, len - i, esc, &used);
		if (k == 0)
			k = unit_columns(p + i, used);
		if (max != SIZE_MAX && w + k > max)
			break;
		w += k;
		i += used;
	}
	if (fit != NULL)
		*fit = i;
	return w;
}

/* The columns the visible form of s takes on screen. */
size_t
vis_width(const char *s)
{
	return measure(s, strlen(s), SIZE_MAX, NULL);
}

/*
 * How many bytes of s can be shown in cols columns: a cut there never
 * splits an escape or a UTF-8 sequence.  *w gets their width.
 */
size_t
vis_fit(const char *s, size_t cols, size_t *w)
{
	size_t	fit;

	*w = measure(s, strlen(s), cols, &fit);
	return fit;
}

int
vis_fprintf(FILE *fp, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vis_vfprintf(fp, fmt, ap);
	va_end(ap);
	return n;
}

/* n spaces, a run at a time. */
static void
vis_pad(FILE *fp, size_t n)
{
	static const char	spaces[] = "                                ";
	size_t			k;

	for (; n > 0; n -= k) {
		k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		fwrite(spaces, 1, k, fp);
	}
}

/* Whether the len bytes at s are their own visible form, one column each. */
int
vis_plain(const char *s, size_t len)
{
	const uint64_t		 ones = 0x0101010101010101ULL;
	const uint64_t		 high = 0x8080808080808080ULL;
	const unsigned char	*p = (const unsigned char *)s;
	uint64_t		 x, d, b;
	size_t			 i = 0;

	/*
	 * 8 bytes a step (a scan asks for 4 cells a row): none below space,
	 * none with the high bit, no DEL, no '\\', by the exact tests for
	 * "is there a zero byte".
	 */
	for (; i + 8 <= len; i += 8) {
		memcpy(&x, p + i, 8);
		d = x ^ (ones * 0x7f);
		b = x ^ (ones * '\\');
		if ((((x - ones * 0x20) & ~x) | ((d - ones) & ~d) |
		    ((b - ones) & ~b) | x) & high)
			return 0;
	}
	for (; i < len; i++)
		if (p[i] < 0x20 || p[i] >= 0x7f || p[i] == '\\')
			return 0;
	return 1;
}

/* Room for len more bytes at the end of vb (vis_put() asks when needed). */
void
vis_grow(struct vis_buf *vb, size_t len)
{
	if (vb->b != NULL && len <= vb->size - vb->n)
		return;
	vb->size = vb->n + len > 2 * vb->size ? vb->n + len : 2 * vb->size;
	vb->b = xreallocarray(vb->b, vb->size, 1);
}

/* vis_append() for s whose first *fit bytes are not plain. */
size_t
vis_append_escaped(struct vis_buf *vb, const char *s, size_t len, size_t max,
    size_t *fit)
{
	size_t	w = measure(s, len, max, fit);

	vis_grow(vb, *fit * VIS_MAX);
	vb->n += vis_encode(vb->b + vb->n, s, *fit);
	return w;
}

/*
 * A %s or %c argument, made visible, padded to width in columns.  Most
 * arguments are plain ASCII and go out as they are, without a copy.
 */
static int
put_visible(FILE *fp, const char *s, size_t len, int left, int width)
{
	struct vis_buf	 vb = { NULL, 0, 0 };
	size_t		 n = len, cols = len;
	int		 pad;

	if (!vis_plain(s, len)) {
		cols = vis_append_escaped(&vb, s, len, SIZE_MAX, &n);
		s = vb.b;
		n = vb.n;
	}
	pad = width > 0 && (size_t)width > cols ? width - (int)cols : 0;
	if (!left)
		vis_pad(fp, (size_t)pad);
	fwrite(s, 1, n, fp);
	if (left)
		vis_pad(fp, (size_t)pad);
	free(vb.b);
	return (int)n + pad;
}

/* Write the visible form of the len bytes at s. */
void
vis_write(FILE *fp, const char *s, size_t len)
{
	put_visible(fp, s, len, 1, 0);
}

/*
 * One CSV field (RFC 4180), made visible: no CR or LF is left to quote, so
 * a value is one cell on one line; quoted when it holds a comma or a
 * quote.  NULL is the empty field.
 */
void
vis_csv(FILE *fp, const char *s)
{
	const char	*q;

	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"") == NULL) {
		vis_write(fp, s, strlen(s));
		return;
	}
	fputc('"', fp);
	for (; (q = strchr(s, '"')) != NULL; s = q + 1) {
		vis_write(fp, s, (size_t)(q - s));
		fputs("\"\"", fp);
	}
	vis_write(fp, s, strlen(s));
	fputc('"', fp);
}

/* A width or precision at *pp: its digits, or a '*' argument kept in star. */
static int
spec_number(const char **pp, va_list *ap, int *star, int *nstar)
{
	int	n = 0;

	if (**pp == '*') {
		(*pp)++;
		return star[(*nstar)++] = va_arg(*ap, int);
	}
	for (; **pp >= '0' && **pp <= '9'; (*pp)++)
		n = n * 10 + (**pp - '0');
	return n;
}

/*
 * fprintf, but every %s and %c argument is written made visible: the
 * format is ours, the arguments are not.  Numbers go to fprintf with
 * their own conversion, flags, width and precision: a piece cut from a
 * format the compiler checked at our caller (the format attribute), hence
 * the one place where a format is not a literal.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
int
vis_vfprintf(FILE *fp, const char *fmt, va_list ap0)
{
	va_list		 ap;
	const char	*p, *start, *s;
	char		 spec[32], ch;
	int		 star[2], nstar, width, prec, left, total = 0, n;
	size_t		 len;

	va_copy(ap, ap0);
	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%') {
			/* The format's own text, up to the next conversion. */
			len = strcspn(p, "%");
			fwrite(p, 1, len, fp);
			total += (int)len;
			p += len - 1;
			continue;
		}
		start = p++;
		nstar = 0;
		width = prec = -1;
		left = 0;
		for (; *p != '\0' && strchr("-+ #0", *p) != NULL; p++)
			left |= *p == '-';
		width = spec_number(&p, &ap, star, &nstar);
		if (*p == '.') {
			p++;
			prec = spec_number(&p, &ap, star, &nstar);
		}
		if (width < 0) {
			left = 1;
			width = -width;
		}
		while (*p != '\0' && strchr("hlzjtL", *p) != NULL)
			p++;
		if (*p == '%') {
			fputc('%', fp);
			total++;
			continue;
		}
		if (*p == 's' || *p == 'c') {
			if (*p == 'c') {
				ch = (char)va_arg(ap, int);
				s = &ch;
				len = 1;
			} else {
				if ((s = va_arg(ap, const char *)) == NULL)
					s = "(null)";
				len = strlen(s);
				if (prec >= 0 && (size_t)prec < len)
					len = (size_t)prec;
			}
			total += put_visible(fp, s, len, left, width);
			continue;
		}
		len = (size_t)(p - start) + 1;
		if (len >= sizeof(spec))
			abort();
		memcpy(spec, start, len);
		spec[len] = '\0';
#define PUT(type) do {							\
	type v_ = va_arg(ap, type);					\
	n = nstar == 0 ? fprintf(fp, spec, v_) : nstar == 1 ?		\
	    fprintf(fp, spec, star[0], v_) :				\
	    fprintf(fp, spec, star[0], star[1], v_);			\
} while (0)
		if (strchr("diouxX", *p) != NULL) {
			if (p[-1] == 'z')
				PUT(size_t);
			else if (p[-1] == 'j')
				PUT(intmax_t);
			else if (p[-1] == 't')
				PUT(ptrdiff_t);
			else if (p[-1] == 'l' && p[-2] == 'l')
				PUT(long long);
			else if (p[-1] == 'l')
				PUT(long);
			else
				PUT(int);
		} else if (*p == 'p')
			PUT(void *);
		else if (p[-1] == 'L')
			PUT(long double);
		else
			PUT(double);
#undef PUT
		total += n;
	}
	va_end(ap);
	return total;
}
#pragma GCC diagnostic pop
