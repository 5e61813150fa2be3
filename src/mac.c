#include <ctype.h>
#include <string.h>

#include "mac.h"

/* True if the first n bytes of s are exactly 12 hex digits. */
int
mac_is_hex12(const char *s, size_t n)
{
	size_t	i;

	if (n != MAC_LEN)
		return 0;
	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * Accept 0004f2aabbcc, 00:04:F2:AA:BB:CC or 00-04-f2-aa-bb-cc and write
 * the canonical lowercase form.  Mixed separators are refused.
 */
int
mac_parse(const char *in, char out[MAC_LEN + 1])
{
	size_t	len = strlen(in), i, j;
	char	sep;

	if (len == MAC_LEN) {
		if (!mac_is_hex12(in, len))
			return -1;
		for (i = 0; i < MAC_LEN; i++)
			out[i] = tolower((unsigned char)in[i]);
		out[MAC_LEN] = '\0';
		return 0;
	}
	if (len != 17)
		return -1;
	sep = in[2];
	if (sep != ':' && sep != '-')
		return -1;
	for (i = 0, j = 0; i < len; i++) {
		if (i % 3 == 2) {
			if (in[i] != sep)
				return -1;
			continue;
		}
		if (!isxdigit((unsigned char)in[i]))
			return -1;
		out[j++] = tolower((unsigned char)in[i]);
	}
	out[MAC_LEN] = '\0';
	return 0;
}
