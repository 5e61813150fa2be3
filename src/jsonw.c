/*
 * jansson's compact dump of a string: '"', '\\' and C0 controls are
 * escaped (\b \f \n \r \t, else \u00XX in upper case), everything else,
 * '/', DEL and non-ASCII included, is written as it is.  jansson refuses
 * a string that is not UTF-8; report_json.c's jstr() then replaces each
 * byte that is not part of well-formed UTF-8 with U+FFFD, and so does
 * jsonw_str().  tests/unit/t_jsonw.c holds both to jansson itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "vis.h"
#include "xalloc.h"

#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */

/* jsonw_room() when the buffer is too small for n more bytes. */
char *
jsonw_grow(struct jsonw *w, size_t n)
{
	while (w->cap - w->len < n)
		w->cap = w->cap ? w->cap * 2 : 1024;
	w->buf = xreallocarray(w->buf, w->cap, 1);
	return w->buf + w->len;
}

/*
 * What a byte is: 'p' stands for itself (ASCII from space on, but '"'
 * and '\\'), 'u' may start UTF-8, 'e' is escaped.
 */
static const char kind[257] =
    "eeeeeeeeeeeeeeee" "eeeeeeeeeeeeeeee"
    "ppeppppppppppppp" "pppppppppppppppp"
    "pppppppppppppppp" "ppppppppppppeppp"
    "pppppppppppppppp" "pppppppppppppppp"
    "uuuuuuuuuuuuuuuu" "uuuuuuuuuuuuuuuu"
    "uuuuuuuuuuuuuuuu" "uuuuuuuuuuuuuuuu"
    "uuuuuuuuuuuuuuuu" "uuuuuuuuuuuuuuuu"
    "uuuuuuuuuuuuuuuu" "uuuuuuuuuuuuuuuu";

#define ONES	0x0101010101010101ULL
#define HIGH	0x8080808080808080ULL

/*
 * Whether the 8 bytes of x all stand for themselves: none below space,
 * none with the high bit, no '"' and no '\\' (the usual tests for a zero
 * byte, exact for "is there any").  Most of a row's text is such words.
 */
static int
plain8(uint64_t x)
{
	uint64_t	q = x ^ (ONES * '"'), b = x ^ (ONES * '\\');

	return ((((x - ONES * 0x20) & ~x) | ((q - ONES) & ~q) |
	    ((b - ONES) & ~b) | x) & HIGH) == 0;
}

/* s as a JSON string, or null for NULL. */
void
jsonw_str(struct jsonw *w, const char *s)
{
	static const char	hex[] = "0123456789ABCDEF";
	const unsigned char	*p = (const unsigned char *)s, *end;
	char			*o;
	uint64_t		 x;
	size_t			 n;

	if (s == NULL) {
		JSONW_LIT(w, "null");
		return;
	}
	n = strlen(s);
	end = p + n;
	/* At most 6 bytes for one: \u00XX.  U+FFFD is 3 for 1. */
	o = jsonw_room(w, n * 6 + 2);
	*o++ = '"';
	while (p < end) {
		if (end - p >= 8) {
			memcpy(&x, p, 8);
			if (plain8(x)) {
				memcpy(o, &x, 8);
				o += 8;
				p += 8;
				continue;
			}
		}
		if (kind[*p] == 'p') {
			*o++ = (char)*p++;
			continue;
		}
		if (kind[*p] == 'u') {
			if ((n = vis_utf8_len(p, (size_t)(end - p))) == 0) {
				memcpy(o, REPLACEMENT, 3);
				o += 3;
				n = 1;
			} else {
				memcpy(o, p, n);
				o += n;
			}
			p += n;
			continue;
		}
		*o++ = '\\';
		switch (*p) {
		case '"': case '\\':	*o++ = (char)*p; break;
		case '\b':		*o++ = 'b'; break;
		case '\f':		*o++ = 'f'; break;
		case '\n':		*o++ = 'n'; break;
		case '\r':		*o++ = 'r'; break;
		case '\t':		*o++ = 't'; break;
		default:
			memcpy(o, "u00", 3);
			o[3] = hex[*p >> 4];
			o[4] = hex[*p & 0xf];
			o += 5;
			break;
		}
		p++;
	}
	*o++ = '"';
	w->len = (size_t)(o - w->buf);
}

/* n in decimal, as jansson writes an integer. */
void
jsonw_int(struct jsonw *w, long long n)
{
	char			 buf[24], *p = buf + sizeof(buf);
	unsigned long long	 u = n < 0 ? 0ULL - (unsigned long long)n :
				     (unsigned long long)n;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (n < 0)
		*--p = '-';
	jsonw_raw(w, p, (size_t)(buf + sizeof(buf) - p));
}

void
jsonw_free(struct jsonw *w)
{
	free(w->buf);
	memset(w, 0, sizeof(*w));
}
